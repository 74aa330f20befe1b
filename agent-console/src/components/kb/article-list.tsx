/** The articles: search, filters by language, status and category, and a row per article. */
import type { KbArticleSummary, KbCategory } from '@parley/shared';
import { useEffect, useState } from 'preact/hooks';
import { useInsightT } from '../../i18n/use-insight-t';
import { useConsole } from '../../state/console-context';
import type { KbFilters, KbStore } from '../../state/kb.store';
import { hrefOf } from '../../state/navigation.store';
import { formatCount } from '../analytics/analytics-format';
import { FailedLine, LoadingLine } from '../insight-state';
import { formatMessageTime } from '../time-format';
import { languageName } from '../language-name';
import { offeredLanguages } from './kb-language';

const SEARCH_DELAY_MS = 250;

export function categoryName(category: KbCategory | undefined, locale: string): string {
  if (!category) return '';
  return category.names[locale] ?? category.names.en ?? Object.values(category.names)[0] ?? category.slug;
}

function Filters({ store }: { store: KbStore }) {
  const t = useInsightT();
  const locale = useConsole().translator.language.value;
  const filters = store.filters.value;
  const [query, setQuery] = useState(filters.query);
  const apply = (change: Partial<KbFilters>) => void store.setFilters(change).catch(() => undefined);

  // Searching as one types, once the typing pauses.
  useEffect(() => {
    if (query === store.filters.peek().query) return;
    const timer = setTimeout(() => apply({ query }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query]);

  return (
    <form class="kb-filters" role="search" onSubmit={(e) => {
        e.preventDefault();
        apply({ query });
      }}>
      <label class="field kb-filters__search">
        <span class="field__label">{t('list.search')}</span>
        <input
          type="search"
          value={query}
          maxLength={200}
          placeholder={t('list.searchPlaceholder')}
          onInput={(e) => setQuery(e.currentTarget.value)}
          data-testid="kb-search"
        />
      </label>
      <label class="field">
        <span class="field__label">{t('list.language')}</span>
        <select value={filters.language} onChange={(e) => apply({ language: e.currentTarget.value })} data-testid="kb-filter-language">
          <option value="">{t('list.allLanguages')}</option>
          {offeredLanguages(store.languages.value).map((code) => (
            <option key={code} value={code}>
              {languageName(code, locale)}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        <span class="field__label">{t('list.status')}</span>
        <select
          value={filters.status}
          onChange={(e) => apply({ status: e.currentTarget.value as KbFilters['status'] })}
          data-testid="kb-filter-status"
        >
          <option value="">{t('list.allStatuses')}</option>
          <option value="published">{t('status.published')}</option>
          <option value="draft">{t('status.draft')}</option>
        </select>
      </label>
      <label class="field">
        <span class="field__label">{t('list.category')}</span>
        <select value={filters.categoryId} onChange={(e) => apply({ categoryId: e.currentTarget.value })} data-testid="kb-filter-category">
          <option value="">{t('list.allCategories')}</option>
          {store.categories.value.map((c) => (
            <option key={c.id} value={c.id}>
              {categoryName(c, locale)}
            </option>
          ))}
        </select>
      </label>
    </form>
  );
}

function ArticleRow({ article, store }: { article: KbArticleSummary; store: KbStore }) {
  const { navigation, translator } = useConsole();
  const t = useInsightT();
  const locale = translator.language.value;
  const route = { name: 'kb', view: { section: 'article', articleId: article.id } } as const;
  const category = store.categories.value.find((c) => c.id === article.categoryId);
  return (
    <tr data-testid="kb-article-row" data-status={article.status}>
      <td>
        <a
          href={hrefOf(route)}
          dir="auto"
          onClick={(event) => {
            event.preventDefault();
            navigation.go(route);
          }}
        >
          {article.title}
        </a>
        {article.summary && (
          <span class="admin-table__sub" dir="auto">
            {article.summary}
          </span>
        )}
      </td>
      <td title={article.language} data-testid="kb-article-language">
        {languageName(article.language, locale)}
      </td>
      <td>
        <span class={`kb-status kb-status--${article.status}`}>{t(`status.${article.status}`)}</span>
      </td>
      <td>{categoryName(category, locale) || <span class="muted">{t('list.noCategory')}</span>}</td>
      <td class="kb-num">
        <span class="kb-vote kb-vote--up" title={t('stats.helpful')}>
          <span class="visually-hidden">{t('stats.helpful')}: </span>
          {/* The sign stays before the figure in right-to-left languages ('0+' otherwise). */}
          <bdi dir="ltr">+{formatCount(article.helpfulCount, locale)}</bdi>
        </span>{' '}
        <span class="kb-vote kb-vote--down" title={t('stats.notHelpful')}>
          <span class="visually-hidden">{t('stats.notHelpful')}: </span>
          <bdi dir="ltr">−{formatCount(article.notHelpfulCount, locale)}</bdi>
        </span>
      </td>
      <td>{formatMessageTime(article.updatedAt, locale)}</td>
    </tr>
  );
}

export function ArticleList({ store, canEdit }: { store: KbStore; canEdit: boolean }) {
  const { navigation } = useConsole();
  const t = useInsightT();
  useEffect(() => void store.refresh().catch(() => undefined), [store]);
  const state = store.articlesState.value;
  const articles = store.articles.value;
  const filtered = Object.values(store.filters.value).some(Boolean);
  return (
    <section class="admin-section kb-list" aria-labelledby="kb-articles-title" data-testid="kb-articles">
      <header class="admin-section__header">
        <h1 id="kb-articles-title">{t('list.title')}</h1>
        {canEdit && (
          <button
            type="button"
            class="button button--primary"
            onClick={() => navigation.go({ name: 'kb', view: { section: 'new-article', translationOf: null, language: null } })}
            data-testid="kb-new-article"
          >
            {t('list.new')}
          </button>
        )}
      </header>
      <Filters store={store} />
      {state === 'failed' && (
        <FailedLine error={store.articlesError.value} retry={() => void store.refresh().catch(() => undefined)} />
      )}
      {state === 'loading' && articles.length === 0 && <LoadingLine />}
      {state === 'ready' && articles.length === 0 && (
        <p class="insight-empty" data-testid="kb-empty">
          {filtered ? t('list.noneMatch') : canEdit ? t('list.emptyAdmin') : t('list.empty')}
        </p>
      )}
      {articles.length > 0 && (
        <div class="admin-table__scroller" aria-busy={state === 'loading'}>
          <table class="admin-table">
            <thead>
              <tr>
                <th scope="col">{t('list.columns.title')}</th>
                <th scope="col">{t('list.columns.language')}</th>
                <th scope="col">{t('list.columns.status')}</th>
                <th scope="col">{t('list.columns.category')}</th>
                <th scope="col">{t('list.columns.feedback')}</th>
                <th scope="col">{t('list.columns.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {articles.map((article) => (
                <ArticleRow key={article.id} article={article} store={store} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
