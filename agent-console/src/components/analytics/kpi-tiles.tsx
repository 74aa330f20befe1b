/** The report's headline figures: one tile per metric, in the agent's language. */
import type { AnalyticsReport } from '@parley/shared';
import type { InsightT } from '../../i18n/use-insight-t';
import { useInsightT } from '../../i18n/use-insight-t';
import { useConsole } from '../../state/console-context';
import { formatAverage, formatCount, formatDuration, formatPercent } from './analytics-format';

export interface Kpi {
  metric: string;
  label: string;
  value: string;
  sub?: string;
}

/** The tiles of a report, in reading order. */
export function kpisOf(report: AnalyticsReport, t: InsightT, locale: string): Kpi[] {
  const { totals, deflection } = report;
  const n = (value: number) => formatCount(value, locale);
  const d = (seconds: number | null) => formatDuration(seconds, locale);
  const { firstResponse, resolution, satisfaction } = totals;
  return [
    {
      metric: 'conversations',
      label: t('analytics.kpi.conversations'),
      value: n(totals.conversations),
      sub: t('analytics.kpi.answered', { formatted: n(totals.answered) }),
    },
    { metric: 'missed', label: t('analytics.kpi.missed'), value: n(totals.missed) },
    { metric: 'escalated', label: t('analytics.kpi.escalated'), value: n(totals.escalated) },
    { metric: 'tickets', label: t('analytics.kpi.tickets'), value: n(totals.tickets) },
    {
      metric: 'firstResponseMedian',
      label: t('analytics.kpi.firstResponseMedian'),
      value: d(firstResponse.chats.medianSeconds),
      sub: t('analytics.kpi.forTickets', { value: d(firstResponse.tickets.medianSeconds) }),
    },
    {
      metric: 'firstResponseP90',
      label: t('analytics.kpi.firstResponseP90'),
      value: d(firstResponse.chats.p90Seconds),
      sub: t('analytics.kpi.forTickets', { value: d(firstResponse.tickets.p90Seconds) }),
    },
    {
      metric: 'resolutionMedian',
      label: t('analytics.kpi.resolutionMedian'),
      value: d(resolution.chats.medianSeconds),
      sub: t('analytics.kpi.forTickets', { value: d(resolution.tickets.medianSeconds) }),
    },
    {
      metric: 'slaBreaches',
      label: t('analytics.kpi.slaBreaches'),
      value: n(totals.slaBreaches.tickets),
      sub: t('analytics.kpi.slaSplit', {
        firstResponse: n(totals.slaBreaches.firstResponse),
        resolution: n(totals.slaBreaches.resolution),
      }),
    },
    {
      metric: 'csat',
      label: t('analytics.kpi.csat'),
      value: formatPercent(satisfaction.overall.csatPercent, locale),
      sub: t('analytics.kpi.ratings', {
        count: satisfaction.overall.count,
        formatted: n(satisfaction.overall.count),
        average: formatAverage(satisfaction.overall.average, locale),
      }),
    },
    {
      metric: 'deflection',
      label: t('analytics.kpi.deflection'),
      value: formatPercent(deflection?.ratePercent ?? null, locale),
      sub: deflection
        ? t('analytics.kpi.deflections', { formatted: n(deflection.deflections) })
        : t('analytics.kpi.deflectionNarrowed'),
    },
  ];
}

export function KpiTiles({ report }: { report: AnalyticsReport }) {
  const t = useInsightT();
  const locale = useConsole().translator.language.value;
  return (
    <div class="insight-tiles" role="list" aria-label={t('analytics.kpi.label')}>
      {kpisOf(report, t, locale).map((kpi) => (
        <div key={kpi.metric} class="insight-tile" role="listitem" data-testid="analytics-kpi" data-metric={kpi.metric}>
          <span class="insight-tile__label">{kpi.label}</span>
          <span class="insight-tile__value">{kpi.value}</span>
          {kpi.sub && <span class="insight-tile__sub">{kpi.sub}</span>}
        </div>
      ))}
    </div>
  );
}
