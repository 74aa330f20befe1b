/** Which locale Intl formats a Parley language's dates, times, numbers and lists in. */

// Chromium's ICU data has no Belarusian: there Intl formats `be` in English ("Tuesday", "9:05 PM").
// Belarusian readers read Russian forms far better than English ones, so where the runtime lacks a
// language's data, it formats in the nearest language it has. Runtimes with the data (Firefox, Node)
// keep the language itself.
const NEAREST_FORMAT_LOCALE: Readonly<Record<string, string>> = { be: 'ru' };

/** `lng` itself when this runtime's Intl knows it, else its nearest known language. */
export function formatLocale(lng: string): string {
  if (Intl.DateTimeFormat.supportedLocalesOf(lng).length > 0) return lng;
  return NEAREST_FORMAT_LOCALE[lng] ?? lng;
}
