/**
 * The site's public configuration (looks, pre-chat form, contact card, departments, availability),
 * fetched from the panel's own origin, and its looks applied as CSS custom properties.
 */
import type { PublicSiteConfig, WidgetAppearance } from '@parley/shared';

/** Our own server's answer, still checked for the parts the panel reads: anything else means "no config". */
const isSiteConfig = (value: unknown): value is PublicSiteConfig => {
  const config = value as Partial<PublicSiteConfig> | null;
  return !!(config?.widget && config.prechat && config.contact && Array.isArray(config.departments));
};

export async function fetchSiteConfig(siteKey: string, fetcher: typeof fetch = fetch): Promise<PublicSiteConfig | null> {
  try {
    const response = await fetcher(`/api/widget/config?site=${encodeURIComponent(siteKey)}`);
    const config: unknown = response.ok ? await response.json() : null;
    return isSiteConfig(config) ? config : null;
  } catch {
    return null;
  }
}

/**
 * Sets the panel's custom properties from the site's looks; panel.css derives the rest (text on the
 * accent, shades, font stacks). `accent` is the snippet's `data-color`: it also colours the bubble on
 * the page, so it wins over the configured colour.
 */
export function applyAppearance(root: HTMLElement, look: Partial<WidgetAppearance> = {}, accent?: string): void {
  const color = (name: string, ...candidates: (string | undefined)[]): void => {
    const value = candidates.find((candidate) => candidate && CSS.supports('color', candidate));
    if (value) root.style.setProperty(name, value);
  };
  color('--accent', accent, look.color);
  color('--surface', look.panelBackground);
  color('--text', look.panelText);
  if (look.fontFamily) root.dataset.font = look.fontFamily;
  if (Number.isInteger(look.radius)) root.style.setProperty('--radius', `${Math.min(24, Math.max(0, look.radius ?? 0))}px`);
}
