/**
 * The analytics dashboard's selection (a period of whole days in a time zone, an agent, a
 * department) and the report for it. Only the answer to the latest selection is shown.
 */
import type { AnalyticsReport, ErrorCode } from '@parley/shared';
import { batch, signal, type ReadonlySignal } from '@preact/signals';
import type { AnalyticsClient, AnalyticsQuery } from '../api/analytics.client';
import { errorCodeOf } from '../api/api-error';
import { MAX_REPORT_DAYS } from '../api/insight-limits';

export const PERIOD_PRESETS = [7, 30, 90] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number] | 'custom';

export interface AnalyticsSelection {
  preset: PeriodPreset;
  from: string;
  to: string;
  timeZone: string;
  /** '' is everyone (admins) or oneself (agents, whom the server always narrows). */
  agentId: string;
  departmentId: string;
}

export type ReportState =
  | { state: 'loading'; report: AnalyticsReport | null }
  | { state: 'ready'; report: AnalyticsReport }
  | { state: 'failed'; report: AnalyticsReport | null; error: ErrorCode }
  | { state: 'invalid'; report: AnalyticsReport | null; problem: PeriodProblem };

export type PeriodProblem = 'missing' | 'reversed' | 'tooLong';

const DAY_MS = 86_400_000;

/** Today's calendar date (YYYY-MM-DD) in a time zone. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(now)
    .reduce<Record<string, string>>((out, part) => ({ ...out, [part.type]: part.value }), {});
  return `${parts.year}-${parts.month}-${parts.day}`;
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The last `days` days up to and including today. */
export function presetPeriod(days: number, today: string): { from: string; to: string } {
  return { from: addDays(today, 1 - days), to: today };
}

export function periodProblem(from: string, to: string): PeriodProblem | null {
  const valid = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`));
  if (!valid(from) || !valid(to)) return 'missing';
  if (from > to) return 'reversed';
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS + 1;
  return days > MAX_REPORT_DAYS ? 'tooLong' : null;
}

/** The browser's own zone, or UTC when it has none the runtime can name. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function queryOf(selection: AnalyticsSelection): AnalyticsQuery {
  return {
    from: selection.from,
    to: selection.to,
    timeZone: selection.timeZone,
    ...(selection.agentId ? { agentId: selection.agentId } : {}),
    ...(selection.departmentId ? { departmentId: selection.departmentId } : {}),
  };
}

export interface AnalyticsStore {
  selection: ReadonlySignal<AnalyticsSelection>;
  result: ReadonlySignal<ReportState>;
  /** Changes the selection and loads its report (unless the period is not a valid one). */
  select(change: Partial<AnalyticsSelection>): Promise<void>;
  reload(): Promise<void>;
}

export function createAnalyticsStore(options: {
  client: AnalyticsClient;
  timeZone?: string;
  now?: () => Date;
}): AnalyticsStore {
  const now = options.now ?? (() => new Date());
  const timeZone = options.timeZone ?? browserTimeZone();
  const selection = signal<AnalyticsSelection>({
    preset: 30,
    ...presetPeriod(30, todayIn(timeZone, now())),
    timeZone,
    agentId: '',
    departmentId: '',
  });
  const result = signal<ReportState>({ state: 'loading', report: null });
  let latest = 0;

  async function reload() {
    const ticket = ++latest;
    const current = selection.value;
    const report = result.value.report;
    const problem = periodProblem(current.from, current.to);
    if (problem) {
      result.value = { state: 'invalid', report, problem };
      return;
    }
    result.value = { state: 'loading', report };
    try {
      const answer = await options.client.report(queryOf(current));
      if (ticket === latest) result.value = { state: 'ready', report: answer };
    } catch (error) {
      if (ticket === latest) result.value = { state: 'failed', report, error: errorCodeOf(error) };
    }
  }

  return {
    selection,
    result,
    select(change) {
      batch(() => {
        const next = { ...selection.value, ...change };
        // A preset counts back from today in the chosen zone, so it follows a zone change too.
        if (next.preset !== 'custom') Object.assign(next, presetPeriod(next.preset, todayIn(next.timeZone, now())));
        selection.value = next;
      });
      return reload();
    },
    reload,
  };
}
