/** Reads the loader's own <script data-site> tag and window.ParleySettings into one typed config. */

/** What a site owner may set, as `data-*` attributes on the snippet or in `window.ParleySettings`. */
export interface ParleySettings {
  /** 'left' puts the bubble bottom-left; anything else means bottom-right. */
  position?: string;
  color?: string;
  locale?: string;
  hideLauncher?: boolean;
}

export interface LoaderConfig extends ParleySettings {
  siteKey: string;
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
  // data-position, data-color and data-locale map onto the settings of the same names.
  return {
    ...data,
    hideLauncher: 'hideLauncher' in data,
    ...settings,
    siteKey: data.site as string,
    origin: new URL(script.src).origin,
  };
}

/** The panel's address: site and display options only; a visitor token never travels in a URL. */
export function panelUrl(config: LoaderConfig, locale: string | undefined, hostOrigin: string): string {
  // Empty values mean "not set" to the panel.
  const query = { site: config.siteKey, origin: hostOrigin, locale: locale ?? '', color: config.color ?? '' };
  return config.origin + '/panel/?' + new URLSearchParams(query);
}
