/** The languages an article may be written in. */
import { LANGUAGES } from '../../i18n/languages';

/** The console's languages and any other language an article already uses, sorted by code. */
export function offeredLanguages(seen: readonly string[]): string[] {
  return [...new Set([...Object.keys(LANGUAGES), ...seen])].sort();
}
