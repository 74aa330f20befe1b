/**
 * Colours derived from a site's accent so that what is drawn with it stays readable whatever the site
 * picked (a white or yellow accent included): the text on the accent, and the accent itself where it
 * is a line or text on the panel's background. The widget applies them; the console's preview shows them.
 */
export type Rgb = number[];

const BLACK: Rgb = [0, 0, 0];
const WHITE: Rgb = [255, 255, 255];
const LUMA = [0.2126, 0.7152, 0.0722];

/** `#rrggbb` (as site settings store colours) as red, green and blue. */
export const hexRgb = (hex: string): Rgb => [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16) || 0);

const luminance = (rgb: Rgb): number =>
  rgb.reduce((sum, channel, i) => {
    const c = channel / 255;
    return sum + (LUMA[i] ?? 0) * (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  }, 0);

/** WCAG 2 contrast ratio, 1 to 21. */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const [x, y] = [luminance(a) + 0.05, luminance(b) + 0.05];
  return Math.max(x, y) / Math.min(x, y);
}

const toCss = (rgb: Rgb): string => `rgb(${rgb.map(Math.round).join(' ')})`;

export interface AccentColors {
  /** Text and icons on the accent: black or white, whichever reads better. */
  ink: string;
  /**
   * The accent as text or a line on the panel's background: itself when it stands out 4.5:1 (WCAG's
   * minimum for text; lines need 3:1), else moved towards black (on a light panel) or white (on a
   * dark one) just until it does. It always gets there: black or white is at least 4.58:1 from any colour.
   */
  strong: string;
}

export function accentColors(accent: Rgb, surface: Rgb = WHITE): AccentColors {
  const better = (on: Rgb): Rgb => (contrastRatio(on, BLACK) >= contrastRatio(on, WHITE) ? BLACK : WHITE);
  const away = better(surface);
  let strong = accent;
  for (let step = 1; step <= 20 && contrastRatio(strong, surface) < 4.5; step++) {
    strong = accent.map((c, i) => c + ((away[i] ?? 0) - c) * (step / 20));
  }
  return { ink: toCss(better(accent)), strong: toCss(strong) };
}
