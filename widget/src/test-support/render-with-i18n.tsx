/** Renders panel components with a real i18next instance (loaded once per language) and fake chat actions. */
import type { PublicSiteConfig } from '@parley/shared';
import { render } from '@testing-library/preact';
import type { i18n as I18n } from 'i18next';
import type { ComponentChild } from 'preact';
import type { ChatActions } from '../panel/chat-actions';
import { createWidgetI18n, loadPartStrings, type WidgetLocale } from '../panel/i18n';
import { TranslationProvider } from '../panel/i18n-context';

const instances = new Map<WidgetLocale, Promise<I18n>>();

/**
 * Renders inside a TranslationProvider; each language is loaded once per test file, with the
 * on-demand parts' strings too (in the panel they come with the part, see lazy-part.tsx).
 */
export async function renderWithI18n(ui: ComponentChild, locale: WidgetLocale = 'en') {
  let i18n = instances.get(locale);
  if (!i18n) {
    i18n = createWidgetI18n(locale).then(async (created) => (await loadPartStrings(created), created));
    instances.set(locale, i18n);
  }
  return render(<TranslationProvider i18n={await i18n}>{ui}</TranslationProvider>);
}

/** Chat actions whose requests each test answers (`ask` resolves to what `answers` returns, or null). */
export function fakeActions(answers: Partial<Record<string, (payload: never) => unknown>> = {}): jest.Mocked<ChatActions> {
  return {
    send: jest.fn(),
    retry: jest.fn(),
    discard: jest.fn(),
    setTyping: jest.fn(),
    identify: jest.fn(async (_identity: object) => true),
    ask: jest.fn(async (event: string, payload: unknown) => (answers[event] ? answers[event](payload as never) : null)) as never,
    setSound: jest.fn(),
    fileAccess: jest.fn(() => ({ token: 'visitor-token-for-files', siteKey: 'site_key_123' })),
  };
}

/** A site configuration as the server sends it, with the schema's defaults. */
export function aSiteConfig(overrides: Partial<PublicSiteConfig> = {}): PublicSiteConfig {
  return {
    key: 'site_key_123',
    name: 'Acme Tea',
    widget: {
      position: 'bottom-right',
      color: '#1d3a8a',
      title: '',
      greeting: '',
      fontFamily: 'system',
      radius: 14,
      panelBackground: '#ffffff',
      panelText: '#1f2933',
    },
    prechat: { name: 'optional', email: 'optional', department: 'off' },
    contact: { phone: '', email: '', hoursNote: '' },
    languages: { offered: ['en', 'es', 'ru', 'be', 'uk', 'de', 'fr', 'pt', 'zh', 'ar'], default: 'en' },
    locale: 'en',
    openingHours: null,
    departments: [],
    agentsOnline: true,
    openNow: true,
    statusNotice: null,
    ...overrides,
  };
}
