/**
 * The panel's i18next instance. Two namespaces, each language a file of each fetched when needed:
 * `widget` holds what the panel shows before the visitor's first message; `widget-parts` the strings
 * of the on-demand parts (forms, rating, contact card…), fetched with the first part shown.
 */
import i18next, { type BackendModule, type i18n as I18n, type ResourceKey } from 'i18next';

export const WIDGET_LOCALES = ['en', 'es', 'ru', 'be', 'uk', 'de', 'fr', 'pt', 'zh', 'ar'] as const;
export type WidgetLocale = (typeof WIDGET_LOCALES)[number];
export const FALLBACK_LOCALE: WidgetLocale = 'en';

/**
 * Where the build put the locale files, `<folder>/<lng>.json` (one folder per build, named by their
 * content hash, so they cache safely): see localeFiles() in scripts/build-plugins.ts. The app
 * chunk then carries one short path instead of a hashed chunk name per language. Undefined under
 * Jest, which reads the files from @parley/shared.
 */
declare const __PARLEY_LOCALES__: string | undefined;

const PARTS_NAMESPACE = 'widget-parts';

async function loadResources(lng: WidgetLocale, namespace: string): Promise<ResourceKey> {
  if (typeof __PARLEY_LOCALES__ === 'string') {
    const response = await fetch(`${__PARLEY_LOCALES__}${lng}/${namespace}.json`);
    if (!response.ok) throw new Error(`locale ${lng}: HTTP ${response.status}`);
    return (await response.json()) as ResourceKey;
  }
  const module = (await import(`../../../shared/locales/${lng}/${namespace}.json`)) as { default: ResourceKey };
  return module.default;
}


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

/** Fetches the parts' strings (once; i18next fetches them again for each new language). */
export const loadPartStrings = (i18n: I18n): Promise<unknown> => i18n.loadNamespaces(PARTS_NAMESPACE);

const chunkBackend: BackendModule = {
  type: 'backend',
  init: () => undefined,
  read(language, namespace, callback) {
    loadResources(isWidgetLocale(language) ? language : FALLBACK_LOCALE, namespace).then(
      (resources) => callback(null, resources),
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
    ns: ['widget'],
    defaultNS: 'widget',
    // A part's key is looked up in the parts' strings, loaded with the part (see lazy-part.tsx).
    fallbackNS: PARTS_NAMESPACE,
    // Preact escapes text; escaping here too would show "&amp;" to visitors.
    interpolation: { escapeValue: false },
  });
  return instance;
}
