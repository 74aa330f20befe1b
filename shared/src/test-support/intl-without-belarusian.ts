/**
 * For tests: makes this runtime's Intl behave as Chromium's, whose ICU data has no Belarusian
 * (asked for `be`, its formatters fall back to English). Node's full ICU has it, so without this a
 * test could not tell whether a Belarusian screen would show "9:05 PM" in a real browser.
 */
const FORMATTERS = ['DateTimeFormat', 'NumberFormat', 'ListFormat'] as const;

type Locales = string | readonly string[] | undefined;
type Formatter = (typeof Intl)[(typeof FORMATTERS)[number]];

const withoutBelarusian = (locales: Locales): string[] => [locales ?? []].flat().filter((locale) => !/^be\b/i.test(locale));

function chromiumLike(Real: Formatter): Formatter {
  const Constructor = Real as unknown as new (locales: Locales, options?: object) => object;
  const supported = Real.supportedLocalesOf as (locales: Locales) => string[];
  return Object.assign(
    function ChromiumLikeFormat(locales?: Locales, options?: object) {
      const known = withoutBelarusian(locales);
      return new Constructor(known.length > 0 ? known : 'en', options);
    },
    { supportedLocalesOf: (locales: Locales) => supported(withoutBelarusian(locales)) },
  ) as unknown as Formatter;
}

/** Swaps Intl's formatters for Chromium-like ones; call what it returns to put the real ones back. */
export function withoutBelarusianIntlData(): () => void {
  const real = FORMATTERS.map((name) => [name, Intl[name]] as const);
  for (const [name, Real] of real) Object.assign(Intl, { [name]: chromiumLike(Real) });
  return () => {
    for (const [name, Real] of real) Object.assign(Intl, { [name]: Real });
  };
}
