/**
 * The site's accent colours (shared's accentColors) set on the panel: the text on the accent, and the
 * accent where it is a line or text on the panel's background (focus rings, outlines, selected stars).
 * Loaded beside the panel's start, not in it: until it has run, panel.css's own guesses hold.
 */
import { accentColors, type AccentColors, type Rgb } from '@parley/shared';

/** Red, green and blue of a colour as browsers compute it (`rgb(…)`); null for any other form (`oklch(…)`). */
export const parseRgb = (computed: string): Rgb | null =>
  /^rgba?\(/.test(computed) ? (computed.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number) : null;

/** A colour as the browser computes it (`teal` → `rgb(0, 128, 128)`): any CSS colour a snippet may give. */
function computedColor(root: HTMLElement, value: string): string {
  const probe = root.ownerDocument.createElement('i');
  probe.style.color = value;
  root.append(probe);
  const computed = getComputedStyle(probe).color;
  probe.remove();
  return computed;
}

/**
 * Sets `--accent-text` and `--accent-strong` from the `--accent` and `--surface` that applyAppearance
 * set on the root; null (and the stylesheet's guesses stay) when there is no accent or the browser
 * computes it in a form other than rgb().
 */
export function applyAccentColors(root: HTMLElement): AccentColors | null {
  const accent = root.style.getPropertyValue('--accent');
  const rgb = accent ? parseRgb(computedColor(root, accent)) : null;
  const surface = parseRgb(computedColor(root, root.style.getPropertyValue('--surface') || '#fff'));
  if (!rgb || !surface) return null;
  const derived = accentColors(rgb, surface);
  root.style.setProperty('--accent-text', derived.ink);
  root.style.setProperty('--accent-strong', derived.strong);
  return derived;
}
