/** The report per agent or per department: the same metrics as the tiles, one row each. */
import type { AnalyticsMetrics } from '@parley/shared';
import { useInsightT } from '../../i18n/use-insight-t';
import { useConsole } from '../../state/console-context';
import { formatCount, formatDuration, formatPercent } from './analytics-format';

export interface BreakdownRow extends AnalyticsMetrics {
  key: string;
  /** Null: nobody (unassigned, no department). */
  name: string | null;
}

export function BreakdownTable(props: { testId: string; title: string; nobody: string; rows: readonly BreakdownRow[] }) {
  const t = useInsightT();
  const locale = useConsole().translator.language.value;
  const n = (value: number) => formatCount(value, locale);
  const d = (seconds: number | null) => formatDuration(seconds, locale);
  const titleId = `${props.testId}-title`;
  return (
    <section class="insight-block" aria-labelledby={titleId}>
      <h2 id={titleId} class="insight-subtitle">
        {props.title}
      </h2>
      {props.rows.length === 0 ? (
        <p class="insight-empty">{t('analytics.table.none')}</p>
      ) : (
        <div class="admin-table__scroller">
          <table class="admin-table insight-table" data-testid={props.testId}>
            <thead>
              <tr>
                <th scope="col">{t('analytics.table.name')}</th>
                <th scope="col">{t('analytics.kpi.conversations')}</th>
                <th scope="col">{t('analytics.table.answered')}</th>
                <th scope="col">{t('analytics.kpi.missed')}</th>
                <th scope="col">{t('analytics.kpi.escalated')}</th>
                <th scope="col">{t('analytics.kpi.tickets')}</th>
                <th scope="col">{t('analytics.kpi.firstResponseMedian')}</th>
                <th scope="col">{t('analytics.kpi.resolutionMedian')}</th>
                <th scope="col">{t('analytics.kpi.slaBreaches')}</th>
                <th scope="col">{t('analytics.kpi.csat')}</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((row) => (
                <tr key={row.key} data-testid={`${props.testId}-row`}>
                  <th scope="row" dir="auto">
                    {row.name ?? <span class="muted">{props.nobody}</span>}
                  </th>
                  <td>{n(row.conversations)}</td>
                  <td>{n(row.answered)}</td>
                  <td>{n(row.missed)}</td>
                  <td>{n(row.escalated)}</td>
                  <td>{n(row.tickets)}</td>
                  <td>{d(row.firstResponse.chats.medianSeconds)}</td>
                  <td>{d(row.resolution.chats.medianSeconds)}</td>
                  <td>{n(row.slaBreaches.tickets)}</td>
                  <td>{formatPercent(row.satisfaction.overall.csatPercent, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
