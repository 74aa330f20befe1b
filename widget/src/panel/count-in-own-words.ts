/**
 * A count in words ("3 хвіліны", "праз 55 секунд") where this browser's Intl has no data for the
 * panel's language (Belarusian in Chromium), whose nearest language would put its own words into the
 * sentence ("3 минуты"): the language's forms come from its strings instead (`key`: "one|few|many",
 * each with {{count}}), picked by the nearest language's plural rules, which Belarusian shares with Russian.
 */
import type { TFunction } from 'i18next';

const FORM_PLACE: Readonly<Record<string, number>> = { one: 0, few: 1 };

export function countInOwnWords(t: TFunction, { key, count, intl }: { key: string; count: number; intl: string }): string {
  const forms = String(t(key, { count })).split('|');
  return forms[FORM_PLACE[new Intl.PluralRules(intl).select(count)] ?? 2] ?? forms[forms.length - 1] ?? String(count);
}
