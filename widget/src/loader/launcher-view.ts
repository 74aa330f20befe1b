/** The launcher's DOM: a host element with an open shadow root holding the bubble, badge and panel frame. */
import type { LoaderConfig, ParleySettings } from './loader-config';

export const HOST_TAG = 'parley-widget';

// Inline and !important on the host: page rules aimed at the host element would beat `:host` rules.
// `all` leaves `direction` alone, and a page's `* { direction: rtl !important }` would reach the
// shadow tree through the host: it is set here too, to what the launcher is drawn in.
const HOST_STYLE = 'all:initial!important;direction:ltr!important';

// The icon, a speech bubble, is a box in the bubble's text colour (white, or the panel's black on a
// light bubble) clipped to its outline: no SVG elements to build (host pages may enforce Trusted
// Types, so no markup either) and nothing to fetch. Its corners, drawn on a 24-unit grid (3,4 21,4
// 21,17 9,17 3,21), in percent of the 28 px box (padding:14px makes it, like width and height would).
const ICON_OUTLINE = '12.5% 16.7%,87.5% 16.7%,87.5% 70.8%,37.5% 70.8%,12.5% 87.5%';

// No rule here sets `display` on the bubble, badge or frame (only on the icon inside the bubble), so the
// UA's `[hidden]` rule hides them.
// Physical sides, never logical ones: a host page's `direction` must not move the launcher.
const launcherCss = (side: 'left' | 'right'): string =>
  `.b,.f{position:fixed;z-index:2147483647;${side}:20px;border:0;box-shadow:0 4px 24px #0004}` +
  '.b{bottom:20px;width:56px;height:56px;border-radius:50%;cursor:pointer;color:#fff;background:#1d3a8a}' +
  `.b:before{content:"";display:inline-block;padding:14px;background:currentColor;clip-path:polygon(${ICON_OUTLINE})}` +
  '.u{position:absolute;top:0;right:0;padding:0 6px;border-radius:9px;background:#d22;color:#fff;font:12px/18px sans-serif}' +
  '.f{bottom:88px;width:370px;height:min(600px,100vh - 108px);border-radius:12px}' +
  // Full screen on phones; the frame comes after the bubble in the tree, so it covers it there.
  '@media(max-width:480px){.f{inset:0;width:100%;height:100%;border-radius:0}}';

/** A tuple rather than an object: property names survive minification, positions do not cost bytes. */
export type LauncherView = [host: HTMLElement, root: ShadowRoot, bubble: HTMLButtonElement, badge: HTMLElement];

export function element<E extends Element>(created: E, attributes: Record<string, string>): E {
  for (const name in attributes) created.setAttribute(name, attributes[name] as string);
  return created;
}

function adoptStyles(doc: Document, root: ShadowRoot, css: string): void {
  // Constructed sheets are not subject to the host page's style-src; <style> is the fallback.
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } catch {
    // Restyled later (the site's settings): the one <style> again, not a second beside it.
    (root.querySelector('style') || root.appendChild(doc.createElement('style'))).textContent = css;
  }
}

/**
 * The bubble's colour and side: first the snippet's, then (see the loader) the site's settings for what
 * it left out. `ink`, from the panel: the icon's colour, black on a light bubble.
 */
export function styleLauncher(
  doc: Document,
  [, root, { style }]: LauncherView,
  { color, position, ink }: ParleySettings & { ink?: string },
): void {
  // A style property ignores what is not a colour, and '' falls back to the stylesheet's.
  style.backgroundColor = color ?? '';
  style.color = ink ?? '';
  adoptStyles(doc, root, launcherCss(/left/.test(position as string) ? 'left' : 'right'));
}

export function createLauncherView(doc: Document, config: LoaderConfig): LauncherView {
  const host = doc.createElement(HOST_TAG);
  // CSSOM rather than a style attribute string, so strict host CSPs allow it.
  host.style.cssText = HOST_STYLE;
  const root = host.attachShadow({ mode: 'open' });

  // No test ids: tests find the bubble by its role and name and the frame by its title (or `.b`, `.u`,
  // `.f` in the shadow root), and the bytes went to fixes within the loader's 2 KB.
  const bubble = element(doc.createElement('button'), { class: 'b', 'aria-label': 'Open chat', 'aria-expanded': 'false' });
  const badge = element(doc.createElement('span'), { class: 'u' });
  badge.hidden = true;
  bubble.hidden = !!config.hideLauncher;
  bubble.append(badge);
  root.append(bubble);
  // To <html>, not <body>: a body with a transform or filter (common) would hold position:fixed to
  // itself, so the bubble sat at the foot of the document; and a snippet without async in <head> runs
  // before there is a body at all. A framework swapping the body (Turbo) leaves the widget be.
  doc.documentElement.append(host);
  return [host, root, bubble, badge];
}
