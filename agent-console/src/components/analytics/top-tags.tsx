/** The ticket tags of the period, most used first, each with a bar as long as its share of the top one. */
import type { AnalyticsReport } from '@parley/shared';
import { useInsightT } from '../../i18n/use-insight-t';
import { useConsole } from '../../state/console-context';
import { formatCount } from './analytics-format';

export function TopTags({ tags }: { tags: AnalyticsReport['topTags'] }) {
  const t = useInsightT();
  const locale = useConsole().translator.language.value;
  const most = tags[0]?.tickets ?? 1;
  return (
    <section class="insight-block" aria-labelledby="analytics-tags-title">
      <h2 id="analytics-tags-title" class="insight-subtitle">
        {t('analytics.tags.title')}
      </h2>
      {tags.length === 0 ? (
        <p class="insight-empty">{t('analytics.tags.none')}</p>
      ) : (
        <ol class="insight-tags" data-testid="analytics-tags">
          {tags.map((tag) => (
            <li key={tag.tag} class="insight-tags__item">
              <bdi class="insight-tags__name">{tag.tag}</bdi>
              <span class="insight-tags__bar" aria-hidden="true">
                <span style={{ inlineSize: `${Math.max(2, (tag.tickets / most) * 100)}%` }} />
              </span>
              <span class="insight-tags__count">{t('analytics.tags.tickets', { count: tag.tickets, formatted: formatCount(tag.tickets, locale) })}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
