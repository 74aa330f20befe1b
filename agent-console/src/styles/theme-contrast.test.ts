/** The theme's colours, checked against WCAG 2 contrast: jsdom paints nothing, so the ratios are computed here. */
import fs from 'node:fs';
import path from 'node:path';

const THEME = fs.readFileSync(path.join(__dirname, 'theme.css'), 'utf8');

/** The custom properties set in the block that opens with `selector {`. */
function block(selector: string): Record<string, string> {
  const start = THEME.indexOf(`${selector} {`);
  if (start < 0) throw new Error(`no ${selector} block`);
  const body = THEME.slice(start, THEME.indexOf('}', start));
  return Object.fromEntries([...body.matchAll(/(--[\w-]+):\s*(#[0-9a-f]{6});/gi)].map((m) => [m[1], m[2]]));
}

const light = block(':root');
// The dark theme overrides what it sets; the rest comes from the light one.
const dark = { ...light, ...block(":root[data-theme='dark']") };

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((at) => {
    const c = parseInt(hex.slice(at, at + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (high + 0.05) / (low + 0.05);
}

function colour(theme: Record<string, string>, name: string): string {
  const value = theme[name];
  if (!value) throw new Error(`${name} is not a plain colour in the theme`);
  return value;
}

describe.each([
  ['light', light],
  ['dark', dark],
])('the %s theme', (_, theme) => {
  const backgrounds = ['--bg', '--surface', '--surface-2', '--accent-soft'];

  // "Connected", "Awaiting your reply", an SLA's time left, "Published": small text, so 4.5:1.
  it.each(['--ok', '--warn'])('writes %s text at 4.5:1 or more on every background', (name) => {
    for (const background of backgrounds) {
      expect(contrast(colour(theme, name), colour(theme, background))).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('draws the focus ring at 3:1 or more against every background', () => {
    for (const background of backgrounds) {
      expect(contrast(colour(theme, '--focus'), colour(theme, background))).toBeGreaterThanOrEqual(3);
    }
  });

});

it('sets the same colours when the system asks for dark as when the agent does', () => {
  const system = THEME.slice(THEME.indexOf('@media (prefers-color-scheme: dark)'));
  const systemDark = {
    ...light,
    ...Object.fromEntries([...system.matchAll(/(--[\w-]+):\s*(#[0-9a-f]{6});/gi)].map((m) => [m[1], m[2]])),
  };
  expect(systemDark).toEqual(dark);
});
