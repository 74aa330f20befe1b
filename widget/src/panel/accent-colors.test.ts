import { accentColors, contrastRatio } from '@parley/shared';
import { applyAccentColors, parseRgb } from './accent-colors';

const rgb = (css: string) => {
  const parsed = parseRgb(css);
  if (!parsed) throw new Error(`not rgb(): ${css}`);
  return parsed;
};
const WHITE = rgb('rgb(255, 255, 255)');
const YELLOW = rgb('rgb(255, 235, 59)');
const DEFAULT_BLUE = rgb('rgb(29, 58, 138)');

describe('accentColors', () => {
  it('puts black on a yellow or white accent and white on the default blue, each at least 4.5:1', () => {
    for (const [accent, ink] of [[YELLOW, 'rgb(0 0 0)'], [WHITE, 'rgb(0 0 0)'], [DEFAULT_BLUE, 'rgb(255 255 255)']] as const) {
      expect(accentColors(accent, WHITE).ink).toBe(ink);
      expect(contrastRatio(rgb(ink), accent)).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('darkens a white, yellow or pale accent on a white panel just until it stands out 4.5:1, as text must', () => {
    for (const accent of [WHITE, YELLOW, rgb('rgb(143, 211, 255)')]) {
      const ratio = contrastRatio(rgb(accentColors(accent, WHITE).strong), WHITE);
      expect(ratio).toBeGreaterThanOrEqual(4.5);
      // Still the site's colour, darker, not black.
      expect(ratio).toBeLessThan(5.5);
    }
  });

  it('leaves a dark accent as it is on a white panel', () => {
    expect(accentColors(DEFAULT_BLUE, WHITE).strong).toBe('rgb(29 58 138)');
  });

  it('lightens a dark accent on a dark panel, and reaches 4.5:1 even on a mid-grey one', () => {
    for (const [accent, surface] of [[DEFAULT_BLUE, rgb('rgb(17, 17, 17)')], [rgb('rgb(119, 119, 119)'), rgb('rgb(119, 119, 119)')]]) {
      expect(contrastRatio(rgb(accentColors(accent!, surface!).strong), surface!)).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('reads the rgb() browsers compute, and gives null for other forms', () => {
    expect(parseRgb('rgba(0, 128, 128, 0.5)')).toEqual([0, 128, 128]);
    expect(parseRgb('oklch(0.9 0.1 100)')).toBeNull();
  });
});

describe('applyAccentColors', () => {
  it('gives a yellow accent black text and a darker yellow for lines on the panel, and returns them for the bubble', () => {
    const root = document.createElement('div');
    document.body.append(root);
    root.style.setProperty('--accent', '#ffeb3b');
    expect(applyAccentColors(root)).toEqual({ ink: 'rgb(0 0 0)', strong: expect.any(String) });
    expect(root.style.getPropertyValue('--accent-text')).toBe('rgb(0 0 0)');
    const strong = rgb(root.style.getPropertyValue('--accent-strong'));
    expect(contrastRatio(strong, WHITE)).toBeGreaterThanOrEqual(4.5);
    // A name, as a snippet may give, on a dark panel.
    root.style.setProperty('--accent', 'teal');
    root.style.setProperty('--surface', '#111111');
    expect(applyAccentColors(root)).toEqual({ ink: 'rgb(255 255 255)', strong: expect.stringMatching(/^rgb\(/) });
    expect(contrastRatio(rgb(root.style.getPropertyValue('--accent-strong')), rgb('rgb(17, 17, 17)'))).toBeGreaterThanOrEqual(4.5);
    root.remove();
  });

  it('leaves the stylesheet’s colours when there is no accent', () => {
    const root = document.createElement('div');
    expect(applyAccentColors(root)).toBeNull();
    expect(root.style.getPropertyValue('--accent-text')).toBe('');
  });
});
