/** Times in the agent's language and time zone: today just the time, earlier days with the date. */
import { formatLocale } from '@parley/shared';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, withDate: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${withDate}`;
  let cached = formatters.get(key);
  if (!cached) {
    cached = new Intl.DateTimeFormat(formatLocale(locale), {
      // As the widget writes them: '9:05 PM', not '09:05 PM'.
      hour: 'numeric',
      minute: '2-digit',
      ...(withDate ? { day: 'numeric', month: 'short' } : {}),
    });
    formatters.set(key, cached);
  }
  return cached;
}

export function formatMessageTime(iso: string, locale: string, now: Date = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return formatter(locale, date.toDateString() !== now.toDateString()).format(date);
}

/** A time limit as people say it: "2 minutes" when it is whole minutes, else "45 seconds", in the agent's language. */
export function formatTimeLimit(seconds: number, locale: string): string {
  const minutes = seconds % 60 === 0;
  return new Intl.NumberFormat(formatLocale(locale), {
    style: 'unit',
    unit: minutes ? 'minute' : 'second',
    unitDisplay: 'long',
  }).format(minutes ? seconds / 60 : seconds);
}
