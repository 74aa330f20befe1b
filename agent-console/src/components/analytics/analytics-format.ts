/** Figures in the agent's language through Intl: counts, percentages, durations, days and hours. */
import { formatLocale } from '@parley/shared';

const DASH = '—';
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.ListFormat>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.ListFormat>(key: string, make: () => T): T {
  let found = cache.get(key) as T | undefined;
  if (!found) {
    found = make();
    cache.set(key, found);
  }
  return found;
}

export function formatCount(value: number, locale: string): string {
  return cached(`n|${locale}`, () => new Intl.NumberFormat(formatLocale(locale))).format(value);
}

/** `percent` is already in % (the server rounds it to one decimal). */
export function formatPercent(percent: number | null, locale: string): string {
  if (percent === null) return DASH;
  return cached(`p|${locale}`, () => new Intl.NumberFormat(formatLocale(locale), { style: 'percent', maximumFractionDigits: 1 })).format(
    percent / 100,
  );
}

export function formatAverage(value: number | null, locale: string): string {
  if (value === null) return DASH;
  return cached(`a|${locale}`, () => new Intl.NumberFormat(formatLocale(locale), { maximumFractionDigits: 2 })).format(value);
}

const UNITS = [
  { unit: 'day', seconds: 86_400 },
  { unit: 'hour', seconds: 3_600 },
  { unit: 'minute', seconds: 60 },
  { unit: 'second', seconds: 1 },
] as const;

function unitText(amount: number, unit: (typeof UNITS)[number]['unit'], locale: string): string {
  const format = cached(`u|${locale}|${unit}`, () => new Intl.NumberFormat(formatLocale(locale), { style: 'unit', unit, unitDisplay: 'short' }));
  return format.format(amount);
}

/** "45 sec", "4 min, 12 sec", "2 hr": the largest unit and the next one when it is not zero. */
export function formatDuration(seconds: number | null, locale: string): string {
  if (seconds === null) return DASH;
  let rest = Math.round(seconds);
  const amounts = UNITS.map(({ unit, seconds: size }) => {
    const amount = Math.floor(rest / size);
    rest -= amount * size;
    return { unit, amount };
  });
  const first = amounts.findIndex((a) => a.amount > 0);
  if (first === -1) return unitText(0, 'second', locale);
  const shown = amounts.slice(first, first + 2).filter((a) => a.amount > 0);
  const words = shown.map((a) => unitText(a.amount, a.unit, locale));
  return cached(`l|${locale}`, () => new Intl.ListFormat(formatLocale(locale), { type: 'unit', style: 'short' })).format(words);
}

/** A calendar date (YYYY-MM-DD) as "3 Mar" or, with the year, "3 Mar 2030". */
export function formatDay(date: string, locale: string, withYear = false): string {
  const format = cached(
    `d|${locale}|${withYear}`,
    () =>
      new Intl.DateTimeFormat(formatLocale(locale), {
        timeZone: 'UTC',
        day: 'numeric',
        month: 'short',
        ...(withYear ? { year: 'numeric' } : {}),
      }),
  );
  return format.format(new Date(`${date}T00:00:00Z`));
}

/** An hour of the day (0-23) as the locale writes it: "09", "9 AM", "9时". */
export function formatHour(hour: number, locale: string): string {
  const format = cached(`h|${locale}`, () => new Intl.DateTimeFormat(formatLocale(locale), { timeZone: 'UTC', hour: 'numeric' }));
  return format.format(new Date(Date.UTC(2000, 0, 1, hour)));
}

/** A moment, date and time, for "posted at" lines. */
export function formatMoment(iso: string, locale: string): string {
  const format = cached(`m|${locale}`, () => new Intl.DateTimeFormat(formatLocale(locale), { dateStyle: 'medium', timeStyle: 'short' }));
  return format.format(new Date(iso));
}
