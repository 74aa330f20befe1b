/**
 * The knowledge-base and analytics screens' strings: their own i18next namespace
 * (shared/locales/<lng>/console-insight.json), loaded beside the console's.
 */
import en from '@parley/shared/locales/en/console-insight.json';
import type { Language } from './languages';

export const INSIGHT_NAMESPACE = 'console-insight';

type Bundle = Record<string, unknown>;

export const insightEnglish: Bundle = en;

// Literal paths so the bundler makes one small chunk per language.
const LOADERS: Record<Exclude<Language, 'en'>, () => Promise<{ default: Bundle }>> = {
  es: () => import('@parley/shared/locales/es/console-insight.json'),
  de: () => import('@parley/shared/locales/de/console-insight.json'),
  fr: () => import('@parley/shared/locales/fr/console-insight.json'),
  pt: () => import('@parley/shared/locales/pt/console-insight.json'),
  ru: () => import('@parley/shared/locales/ru/console-insight.json'),
  uk: () => import('@parley/shared/locales/uk/console-insight.json'),
  be: () => import('@parley/shared/locales/be/console-insight.json'),
  zh: () => import('@parley/shared/locales/zh/console-insight.json'),
  ar: () => import('@parley/shared/locales/ar/console-insight.json'),
};

export async function loadInsightBundle(language: Exclude<Language, 'en'>): Promise<Bundle> {
  return (await LOADERS[language]()).default;
}
