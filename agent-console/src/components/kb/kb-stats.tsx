/**
 * What readers made of the knowledge base: "did this help?" votes, and after an offered article,
 * "this solved it" against "talk to a person"; in total and per article.
 */
import type { KbArticleSummary, KbStats } from '@parley/shared';
import { useInsightT } from '../../i18n/use-insight-t';
import { useConsole } from '../../state/console-context';
import { useInsightClients } from '../../state/insight-clients';
import { formatCount, formatPercent } from '../analytics/analytics-format';
import { FailedLine, LoadingLine } from '../insight-state';
import { useLoaded } from './use-loaded';

/** a / (a + b) in %, one decimal; null when nobody answered. */
export function shareOf(a: number, b: number): number | null {
  return a + b === 0 ? null : Math.round((a / (a + b)) * 1000) / 10;
}

function Tile(props: { label: string; value: string; sub?: string; metric: string }) {
  return (
    <div class="insight-tile" data-testid="kb-stat" data-metric={props.metric}>
      <span class="insight-tile__label">{props.label}</span>
      <span class="insight-tile__value">{props.value}</span>
      {props.sub && <span class="insight-tile__sub">{props.sub}</span>}
    </div>
  );
}

function Totals({ stats }: { stats: KbStats }) {
  const t = useInsightT();
  const locale = useConsole().translator.language.value;
  const n = (value: number) => formatCount(value, locale);
  return (
    <div class="insight-tiles">
      <Tile
        metric="articles"
        label={t('stats.articles')}
        value={n(stats.articles)}
        sub={t('stats.publishedOf', { formatted: n(stats.published) })}
      />
      <Tile metric="helpful" label={t('stats.helpful')} value={n(stats.helpful)} />
      <Tile metric="notHelpful" label={t('stats.notHelpful')} value={n(stats.notHelpful)} />
      <Tile
        metric="helpfulShare"
        label={t('stats.helpfulShare')}
        value={formatPercent(shareOf(stats.helpful, stats.notHelpful), locale)}
      />
      <Tile metric="solved" label={t('stats.solved')} value={n(stats.solved)} />
      <Tile metric="human" label={t('stats.human')} value={n(stats.human)} />
      <Tile
        metric="solvedShare"
        label={t('stats.solvedShare')}
        value={formatPercent(shareOf(stats.solved, stats.human), locale)}
      />
    </div>
  );
}

function PerArticle({ articles }: { articles: KbArticleSummary[] }) {
  const t = useInsightT();
  const locale = useConsole().translator.language.value;
  const n = (value: number) => formatCount(value, locale);
  const rated = articles
    .filter((a) => a.helpfulCount + a.notHelpfulCount + a.solvedCount + a.humanCount > 0)
    .sort((a, b) => b.solvedCount - a.solvedCount || b.helpfulCount - a.helpfulCount);
  if (rated.length === 0) return <p class="insight-empty">{t('stats.noFeedback')}</p>;
  return (
    <div class="admin-table__scroller">
      <table class="admin-table" data-testid="kb-stats-table">
        <caption class="visually-hidden">{t('stats.perArticle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('list.columns.title')}</th>
            <th scope="col">{t('list.columns.language')}</th>
            <th scope="col" class="kb-num">{t('stats.helpful')}</th>
            <th scope="col" class="kb-num">{t('stats.notHelpful')}</th>
            <th scope="col" class="kb-num">{t('stats.solved')}</th>
            <th scope="col" class="kb-num">{t('stats.human')}</th>
          </tr>
        </thead>
        <tbody>
          {rated.map((a) => (
            <tr key={a.id}>
              <td dir="auto">{a.title}</td>
              <td>{a.language}</td>
              <td class="kb-num">{n(a.helpfulCount)}</td>
              <td class="kb-num">{n(a.notHelpfulCount)}</td>
              <td class="kb-num">{n(a.solvedCount)}</td>
              <td class="kb-num">{n(a.humanCount)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function KbStatsView() {
  const { kb } = useInsightClients();
  const t = useInsightT();
  const { loaded, reload } = useLoaded(async () => {
    const [stats, articles] = await Promise.all([kb.stats(), kb.listArticles()]);
    return { stats, articles };
  }, [kb]);
  return (
    <section class="admin-section" aria-labelledby="kb-stats-title" data-testid="kb-stats">
      <header class="admin-section__header">
        <h1 id="kb-stats-title">{t('stats.title')}</h1>
      </header>
      <p class="admin-section__note">{t('stats.explain')}</p>
      {loaded.state === 'loading' && <LoadingLine />}
      {loaded.state === 'failed' && <FailedLine error={loaded.error} retry={reload} />}
      {loaded.state === 'ready' && (
        <>
          <Totals stats={loaded.value.stats} />
          <h2 class="insight-subtitle">{t('stats.perArticle')}</h2>
          <PerArticle articles={loaded.value.articles} />
        </>
      )}
    </section>
  );
}
