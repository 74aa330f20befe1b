/** Server-side translations: i18next over the JSON resources in @parley/shared/locales. */
import fs from 'node:fs';
import path from 'node:path';
import i18next, { type TFunction } from 'i18next';

export const SUPPORTED_LANGUAGES = ['en', 'es', 'ru', 'be', 'uk', 'de', 'fr', 'pt', 'zh', 'ar'] as const;
export const RTL_LANGUAGES = new Set(['ar']);

const localesDir = path.join(path.dirname(require.resolve('@parley/shared/package.json')), 'locales');

function loadNamespace(namespace: string): Record<string, Record<string, Record<string, unknown>>> {
  const resources: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const lng of SUPPORTED_LANGUAGES) {
    const file = path.join(localesDir, lng, `${namespace}.json`);
    if (fs.existsSync(file)) resources[lng] = { [namespace]: JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown> };
  }
  return resources;
}

/** The best supported language for a BCP 47 tag (ru-BY -> ru), English otherwise. */
export function pickLanguage(locale: string | null | undefined): string {
  const primary = (locale ?? '').split('-')[0]?.toLowerCase() ?? '';
  return (SUPPORTED_LANGUAGES as readonly string[]).includes(primary) ? primary : 'en';
}

/** A translator for one namespace, loaded once, synchronously (the files are small). */
export function createTranslator(namespace: string): (locale: string | null | undefined) => TFunction {
  const instance = i18next.createInstance();
  void instance.init({
    resources: loadNamespace(namespace),
    ns: [namespace],
    defaultNS: namespace,
    fallbackLng: 'en',
    initAsync: false,
    interpolation: { escapeValue: false },
  });
  return (locale) => instance.getFixedT(pickLanguage(locale), namespace);
}
