/** The panel's i18next instance: one namespace (`widget`), each language a lazily loaded chunk. */
import i18next, { type BackendModule, type i18n as I18n, type ResourceKey } from 'i18next';

export const WIDGET_LOCALES = ['en', 'es', 'ru', 'be', 'uk', 'de', 'fr', 'pt', 'zh', 'ar'] as const;
export type WidgetLocale = (typeof WIDGET_LOCALES)[number];
export const FALLBACK_LOCALE: WidgetLocale = 'en';

// One dynamic import per language: the bundler emits each as its own small chunk.
const loadResources: Record<WidgetLocale, () => Promise<{ default: ResourceKey }>> = {
  en: () => import('@parley/shared/locales/en/widget.json'),
  es: () => import('@parley/shared/locales/es/widget.json'),
  ru: () => import('@parley/shared/locales/ru/widget.json'),
  be: () => import('@parley/shared/locales/be/widget.json'),
  uk: () => import('@parley/shared/locales/uk/widget.json'),
  de: () => import('@parley/shared/locales/de/widget.json'),
  fr: () => import('@parley/shared/locales/fr/widget.json'),
  pt: () => import('@parley/shared/locales/pt/widget.json'),
  zh: () => import('@parley/shared/locales/zh/widget.json'),
  ar: () => import('@parley/shared/locales/ar/widget.json'),
};

const isWidgetLocale = (value: string): value is WidgetLocale => (WIDGET_LOCALES as readonly string[]).includes(value);

/** The first supported language among the candidates (exact, then by primary subtag: pt-BR -> pt). */
export function pickLocale(candidates: readonly (string | null | undefined)[]): WidgetLocale {
  for (const candidate of candidates) {
    if (!candidate) continue;
    const tag = candidate.trim().toLowerCase();
    if (isWidgetLocale(tag)) return tag;
    const primary = tag.split(/[-_]/)[0] ?? '';
    if (isWidgetLocale(primary)) return primary;
  }
  return FALLBACK_LOCALE;
}

const chunkBackend: BackendModule = {
  type: 'backend',
  init: () => undefined,
  read(language, _namespace, callback) {
    const load = isWidgetLocale(language) ? loadResources[language] : loadResources[FALLBACK_LOCALE];
    load().then(
      (module) => callback(null, module.default),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), false),
    );
  },
};

export async function createWidgetI18n(locale: WidgetLocale): Promise<I18n> {
  const instance = i18next.createInstance();
  await instance.use(chunkBackend).init({
    lng: locale,
    // Every locale file has every key (i18n.test.ts checks), so no second file is fetched as a fallback.
    fallbackLng: false,
    supportedLngs: [...WIDGET_LOCALES],
    ns: ['widget'],
    defaultNS: 'widget',
    // Preact escapes text; escaping here too would show "&amp;" to visitors.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}
