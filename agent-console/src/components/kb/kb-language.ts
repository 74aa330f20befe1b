/** Article languages by name in the reader's language ("German", "Deutsch"), and the ones offered. */
import { formatLocale } from '@parley/shared';
import { LANGUAGES } from '../../i18n/languages';

const names = new Map<string, Intl.DisplayNames | null>();

export function languageName(code: string, locale: string): string {
  if (!names.has(locale)) {
    try {
      names.set(locale, new Intl.DisplayNames([formatLocale(locale)], { type: 'language' }));
    } catch {
      names.set(locale, null);
    }
  }
  try {
    return names.get(locale)?.of(code) ?? code;
  } catch {
    return code;
  }
}

/** The console's languages and any other language an article already uses, sorted by code. */
export function offeredLanguages(seen: readonly string[]): string[] {
  return [...new Set([...Object.keys(LANGUAGES), ...seen])].sort();
}
