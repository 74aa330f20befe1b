import { aSiteConfig } from '../test-support/render-with-i18n';
import { applyAppearance, fetchSiteConfig } from './site-config';

const answer = (status: number, body: unknown): typeof fetch =>
  jest.fn(async () => ({ ok: status < 400, status, json: async () => body })) as unknown as typeof fetch;

describe('fetchSiteConfig', () => {
  it('asks the panel’s own origin for the site’s public configuration', async () => {
    const fetcher = answer(200, aSiteConfig());
    expect(await fetchSiteConfig('site key/1', fetcher)).toEqual(aSiteConfig());
    expect(fetcher).toHaveBeenCalledWith('/api/widget/config?site=site%20key%2F1');
  });

  it('gives null for an unknown site, a broken answer or no network: the chat works without', async () => {
    expect(await fetchSiteConfig('site_key_123', answer(404, { error: { code: 'SITE_NOT_FOUND' } }))).toBeNull();
    expect(await fetchSiteConfig('site_key_123', answer(200, { widget: {} }))).toBeNull();
    const offline = jest.fn(async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    expect(await fetchSiteConfig('site_key_123', offline)).toBeNull();
  });
});

describe('applyAppearance', () => {
  beforeAll(() => {
    // jsdom has no CSS.supports; this one knows hex colours and a few names, like a browser would.
    (globalThis as { CSS?: unknown }).CSS = {
      supports: (_property: string, value: string) => /^#[0-9a-f]{3,8}$/i.test(value) || ['rebeccapurple', 'teal'].includes(value),
    };
  });

  it('sets the looks as custom properties and the font as a data attribute', () => {
    const root = document.createElement('div');
    const look = { ...aSiteConfig().widget, color: '#0a7d4f', panelBackground: '#fbfaf5', panelText: '#1b2a21', fontFamily: 'serif' as const, radius: 6 };
    applyAppearance(root, look);
    expect(root.style.getPropertyValue('--accent')).toBe('#0a7d4f');
    expect(root.style.getPropertyValue('--surface')).toBe('#fbfaf5');
    expect(root.style.getPropertyValue('--text')).toBe('#1b2a21');
    expect(root.style.getPropertyValue('--radius')).toBe('6px');
    expect(root.dataset.font).toBe('serif');
  });

  it('lets the snippet’s colour win, and ignores what is not a colour', () => {
    const root = document.createElement('div');
    applyAppearance(root, { color: '#0a7d4f', panelText: 'url(javascript:alert(1))' }, 'teal');
    expect(root.style.getPropertyValue('--accent')).toBe('teal');
    expect(root.style.getPropertyValue('--text')).toBe('');
    applyAppearance(root, { color: '#0a7d4f' }, 'not a colour');
    expect(root.style.getPropertyValue('--accent')).toBe('#0a7d4f');
  });
});
