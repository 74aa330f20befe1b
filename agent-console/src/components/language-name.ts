/** Languages by name in the reader's language ("German", "Deutsch"; "ru-RU" is "Russian (Russia)"). */
import { formatLocale } from '@parley/shared';

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
