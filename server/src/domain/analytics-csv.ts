/**
 * The report as one CSV table (RFC 4180) in long form — section, key, name, metric, value — so
 * any spreadsheet can pivot it. Text that a spreadsheet would run as a formula is defused.
 */
import type { AnalyticsMetrics, AnalyticsReport } from '@parley/shared';

export const CSV_HEADER = ['section', 'key', 'name', 'metric', 'value'] as const;

type Cell = string | number | null;

// A leading = + - @ (or a tab or carriage return, which some spreadsheets skip before one) starts a formula.
const FORMULA_START = /^[=+\-@\t\r]/;

/** One field: strings that look like formulas get a leading apostrophe; quotes, commas and line breaks get quoted. */
export function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(cells: readonly Cell[]): string {
  return cells.map(csvCell).join(',');
}

/** Nested figures as dotted metric names: firstResponse.chats.medianSeconds → value. */
export function flattenMetrics(metrics: AnalyticsMetrics): [string, number | null][] {
  const out: [string, number | null][] = [];
  const walk = (value: unknown, prefix: string) => {
    if (value === null || typeof value === 'number') {
      out.push([prefix, value]);
      return;
    }
    if (typeof value !== 'object') return;
    for (const [key, inner] of Object.entries(value)) walk(inner, prefix ? `${prefix}.${key}` : key);
  };
  walk(metrics, '');
  return out;
}

/** One row per figure, each prefixed with the slice's section, key and name. */
function metricRows(slice: [section: string, key: string | null, name: string | null], metrics: AnalyticsMetrics): Cell[][] {
  return flattenMetrics(metrics).map(([metric, value]) => [...slice, metric, value]);
}

export function reportCsv(report: AnalyticsReport): string {
  const { request } = report;
  const rows: Cell[][] = [
    ['period', null, null, 'from', request.from],
    ['period', null, null, 'to', request.to],
    ['period', null, null, 'timeZone', request.timeZone],
    ['period', null, null, 'agentId', request.agentId],
    ['period', null, null, 'departmentId', request.departmentId],
    ['period', null, null, 'generatedAt', report.generatedAt],
    ...metricRows(['totals', null, null], report.totals),
    ['deflection', null, null, 'deflections', report.deflection?.deflections ?? null],
    ['deflection', null, null, 'ratePercent', report.deflection?.ratePercent ?? null],
  ];
  for (const day of report.volume.byDay) {
    rows.push(['volume_by_day', day.date, null, 'conversations', day.conversations], ['volume_by_day', day.date, null, 'tickets', day.tickets]);
  }
  for (const hour of report.volume.byHour) {
    const key = String(hour.hour).padStart(2, '0');
    rows.push(['volume_by_hour', key, null, 'conversations', hour.conversations], ['volume_by_hour', key, null, 'tickets', hour.tickets]);
  }
  for (const tag of report.topTags) rows.push(['top_tags', tag.tag, null, 'tickets', tag.tickets]);
  for (const { agentId, name, ...metrics } of report.byAgent) rows.push(...metricRows(['agent', agentId, name], metrics));
  for (const { departmentId, name, ...metrics } of report.byDepartment) {
    rows.push(...metricRows(['department', departmentId, name], metrics));
  }
  return [CSV_HEADER, ...rows].map(csvLine).join('\r\n') + '\r\n';
}

/** A file name that says what is inside: parley-analytics_2024-03-01_2024-03-31.csv */
export function reportCsvFilename(report: AnalyticsReport): string {
  return `parley-analytics_${report.request.from}_${report.request.to}.csv`;
}
