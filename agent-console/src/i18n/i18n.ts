/**
 * i18next for the console, with translations from shared/locales/<lng>/console.json.
 * English ships in the bundle (it is the fallback); other languages load when chosen.
 */
import { createInstance, type i18n as I18n, type TOptions } from 'i18next';
import { signal, type ReadonlySignal } from '@preact/signals';
import en from '@parley/shared/locales/en/console.json';
import { FALLBACK_LANGUAGE, type Language } from './languages';
import { INSIGHT_NAMESPACE, insightEnglish, loadInsightBundle } from './insight-locales';

type Bundle = Record<string, unknown>;

// Literal paths so the bundler makes one small chunk per language.
const LOADERS: Record<Exclude<Language, 'en'>, () => Promise<{ default: Bundle }>> = {
  es: () => import('@parley/shared/locales/es/console.json'),
  de: () => import('@parley/shared/locales/de/console.json'),
  fr: () => import('@parley/shared/locales/fr/console.json'),
  pt: () => import('@parley/shared/locales/pt/console.json'),
  ru: () => import('@parley/shared/locales/ru/console.json'),
  uk: () => import('@parley/shared/locales/uk/console.json'),
  be: () => import('@parley/shared/locales/be/console.json'),
  zh: () => import('@parley/shared/locales/zh/console.json'),
  ar: () => import('@parley/shared/locales/ar/console.json'),
};

export const NAMESPACE = 'console';

export interface Translator {
  /** Reading this in a component re-renders it when the language changes. */
  language: ReadonlySignal<Language>;
  t(key: string, options?: TOptions): string;
  /** Text direction of the current language, for `dir`. */
  dir(): 'ltr' | 'rtl';
  setLanguage(language: Language): Promise<void>;
  i18n: I18n;
}

export async function createTranslator(initial: Language): Promise<Translator> {
  const i18n = createInstance();
  await i18n.init({
    lng: FALLBACK_LANGUAGE,
    fallbackLng: FALLBACK_LANGUAGE,
    ns: [NAMESPACE, INSIGHT_NAMESPACE],
    defaultNS: NAMESPACE,
    resources: { en: { [NAMESPACE]: en, [INSIGHT_NAMESPACE]: insightEnglish } },
    // Preact escapes every text node; escaping here too would show "&amp;" to agents.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  const language = signal<Language>(FALLBACK_LANGUAGE);

  async function setLanguage(next: Language) {
    if (next !== 'en' && !i18n.hasResourceBundle(next, NAMESPACE)) {
      const bundle = await LOADERS[next]();
      i18n.addResourceBundle(next, NAMESPACE, bundle.default);
    }
    if (next !== 'en' && !i18n.hasResourceBundle(next, INSIGHT_NAMESPACE)) {
      i18n.addResourceBundle(next, INSIGHT_NAMESPACE, await loadInsightBundle(next));
    }
    await i18n.changeLanguage(next);
    language.value = next;
  }

  const translator: Translator = {
    language,
    t(key, options) {
      // Touch the signal so whoever renders this text follows language changes.
      void language.value;
      return options ? i18n.t(key, options) : i18n.t(key);
    },
    dir: () => i18n.dir(language.value),
    setLanguage,
    i18n,
  };
  if (initial !== FALLBACK_LANGUAGE) await setLanguage(initial).catch(() => undefined);
  return translator;
}
