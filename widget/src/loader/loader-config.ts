/** Reads the loader's own <script data-site> tag and window.ParleySettings into one typed config. */

/** What a site owner may set, as `data-*` attributes on the snippet or in `window.ParleySettings`. */
export interface ParleySettings {
  /** 'left' or 'bottom-left' puts the bubble bottom-left, any other value bottom-right; unset, the site's setting (sent by the panel). */
  position?: string;
  /** Any CSS colour for the bubble; it also wins over the site's colour in the panel. Unset, the site's setting. */
  color?: string;
  /** The panel's language (en es ru be uk de fr pt zh ar); default: the browser's, then English. */
  locale?: string;
  /** No bubble: open the chat from your own button with `open()`. */
  hideLauncher?: boolean;
}

export interface LoaderConfig extends ParleySettings {
  /** The site key, from `data-site`. */
  site: string;
  /** The Parley server's origin, taken from the script's own src: the only postMessage target. */
  origin: string;
}

/** `currentScript` is null once the script has run (and for some injectors), so fall back to a query. */
export function findLoaderScript(doc: Document): HTMLScriptElement | null {
  const current = doc.currentScript as HTMLScriptElement | null;
  return current?.dataset.site ? current : doc.querySelector('script[data-site][src*="widget.js"]');
}

/** `window.ParleySettings` wins over the snippet's attributes; `data-hide-launcher` is a boolean attribute. */
export function readLoaderConfig(script: HTMLScriptElement, settings?: ParleySettings): LoaderConfig {
  const data = script.dataset;
  // data-site, data-position, data-color and data-locale map onto the fields of the same names.
  return {
    ...data,
    hideLauncher: 'hideLauncher' in data,
    ...settings,
    site: data.site as string,
    origin: new URL(script.src).origin,
  };
}

/**
 * The panel's address: site and display options in the query, never a visitor token. The host page
 * (address, title, referrer: for agents, and its origin: the bridge's peer) rides in the fragment,
 * which is never sent to the server nor part of the cached URL.
 */
export function panelUrl(config: LoaderConfig, locale: string | undefined, doc: Document): string {
  // Empty values mean "not set" to the panel.
  const query = { site: config.site, locale: locale ?? '', color: config.color ?? '' };
  const page = { page: doc.URL, title: doc.title, referrer: doc.referrer };
  return config.origin + '/panel/?' + new URLSearchParams(query) + '#' + new URLSearchParams(page);
}
