/**
 * Analytics: a period in a time zone (and for admins an agent or department), the headline
 * figures, volume by day and by hour, per agent, per department, top tags, and a CSV export.
 * Agents always see their own figures (the server narrows the report to them).
 */
import type { AnalyticsReport } from '@parley/shared';
import { useEffect, useMemo } from 'preact/hooks';
import { formatDay, formatHour } from '../components/analytics/analytics-format';
import { BreakdownTable } from '../components/analytics/breakdown-table';
import { ExportButton } from '../components/analytics/export-button';
import { KpiTiles } from '../components/analytics/kpi-tiles';
import { PeriodPicker } from '../components/analytics/period-picker';
import { TopTags } from '../components/analytics/top-tags';
import { VolumeChart } from '../components/analytics/volume-chart';
import { FailedLine, LoadingLine } from '../components/insight-state';
import { useInsightT } from '../i18n/use-insight-t';
import { createAnalyticsStore, type ReportState } from '../state/analytics.store';
import { useConsole } from '../state/console-context';
import { useInsightClients } from '../state/insight-clients';

export function isEmptyReport(report: AnalyticsReport): boolean {
  return report.totals.conversations === 0 && report.totals.tickets === 0 && (report.deflection?.deflections ?? 0) === 0;
}

function Charts({ report }: { report: AnalyticsReport }) {
  const t = useInsightT();
  const locale = useConsole().translator.language.value;
  const { byDay, byHour } = report.volume;
  // Memoised so the charts redraw only when the report or the language changes.
  const day = useMemo(() => {
    const withYear = byDay.length > 0 && byDay[0]?.date.slice(0, 4) !== byDay[byDay.length - 1]?.date.slice(0, 4);
    return {
      labels: byDay.map((d) => formatDay(d.date, locale, withYear)),
      series: [
        { name: t('analytics.chart.chats'), values: byDay.map((d) => d.conversations) },
        { name: t('analytics.chart.tickets'), values: byDay.map((d) => d.tickets) },
      ],
    };
  }, [byDay, locale]);
  const hour = useMemo(
    () => ({
      labels: byHour.map((h) => formatHour(h.hour, locale)),
      series: [
        { name: t('analytics.chart.chats'), values: byHour.map((h) => h.conversations) },
        { name: t('analytics.chart.tickets'), values: byHour.map((h) => h.tickets) },
      ],
    }),
    [byHour, locale],
  );
  return (
    <div class="insight-charts">
      <VolumeChart testId="analytics-chart-day" title={t('analytics.chart.byDay')} labels={day.labels} series={day.series} />
      <VolumeChart
        testId="analytics-chart-hour"
        title={t('analytics.chart.byHour', { timeZone: report.request.timeZone })}
        labels={hour.labels}
        series={hour.series}
        maxLabels={8}
      />
    </div>
  );
}

function Report({ report, isAdmin }: { report: AnalyticsReport; isAdmin: boolean }) {
  const t = useInsightT();
  if (isEmptyReport(report)) {
    return (
      <div class="insight-empty insight-empty--large" data-testid="analytics-empty">
        <p>
          <strong>{t('analytics.empty.title')}</strong>
        </p>
        <p>{t('analytics.empty.text')}</p>
      </div>
    );
  }
  return (
    <>
      <KpiTiles report={report} />
      <Charts report={report} />
      {isAdmin && (
        <BreakdownTable
          testId="analytics-agents"
          title={t('analytics.table.byAgent')}
          nobody={t('analytics.table.unassigned')}
          rows={report.byAgent.map((row) => ({ ...row, key: row.agentId ?? '-' }))}
        />
      )}
      <BreakdownTable
        testId="analytics-departments"
        title={t('analytics.table.byDepartment')}
        nobody={t('analytics.table.noDepartment')}
        rows={report.byDepartment.map((row) => ({
          ...row,
          key: row.departmentId ?? '-',
          // A deleted department's chats keep its id but it has no name any more: not "no department".
          name: row.name ?? (row.departmentId ? t('analytics.table.removedDepartment') : null),
        }))}
      />
      <TopTags tags={report.topTags} />
    </>
  );
}

function ReportArea({ result, retry, isAdmin }: { result: ReportState; retry(): void; isAdmin: boolean }) {
  const t = useInsightT();
  const problem =
    result.state === 'invalid' ? (
      <p class="form-error" role="alert" data-testid="analytics-invalid">
        {t(`analytics.period.problem.${result.problem}`)}
      </p>
    ) : null;
  if (result.state === 'failed') return <FailedLine error={result.error} retry={retry} />;
  // The figures still held are another period's: with no period of its own, the page shows none.
  if (problem) return problem;
  if (!result.report) return <LoadingLine />;
  return (
    <div class="insight-report" aria-busy={result.state === 'loading'} data-state={result.state}>
      <Report report={result.report} isAdmin={isAdmin} />
    </div>
  );
}

export function AnalyticsRoute() {
  const { session } = useConsole();
  const { analytics } = useInsightClients();
  const t = useInsightT();
  const store = useMemo(() => createAnalyticsStore({ client: analytics }), [analytics]);
  const isAdmin = session.agent.value?.role === 'admin';
  useEffect(() => void store.reload(), [store]);
  return (
    <main class="insight" aria-labelledby="analytics-title" data-testid="analytics-page">
      <header class="insight__header">
        <h1 id="analytics-title">{t('analytics.title')}</h1>
        <ExportButton store={store} client={analytics} />
      </header>
      <PeriodPicker store={store} isAdmin={isAdmin} />
      <ReportArea result={store.result.value} retry={() => void store.reload()} isAdmin={isAdmin} />
    </main>
  );
}
