/**
 * The knowledge base: articles (list, search, editor with translations), categories, the status
 * notice and what readers made of the articles. Admins write; agents read.
 */
import { useEffect, useMemo } from 'preact/hooks';
import { ArticleEditor } from '../components/kb/article-editor';
import { ArticleList } from '../components/kb/article-list';
import { CategoriesEditor } from '../components/kb/categories-editor';
import { KbStatsView } from '../components/kb/kb-stats';
import { StatusNoticeEditor } from '../components/kb/status-notice-editor';
import { useInsightT } from '../i18n/use-insight-t';
import { useConsole } from '../state/console-context';
import { useInsightClients } from '../state/insight-clients';
import { KB_SECTIONS, type KbSection, type KbView } from '../state/insight-routes';
import { createKbStore, type KbStore } from '../state/kb.store';
import { hrefOf } from '../state/navigation.store';

function SectionsNav({ current }: { current: KbSection }) {
  const { navigation } = useConsole();
  const t = useInsightT();
  return (
    <nav class="admin__nav" aria-label={t('nav.kb')}>
      {KB_SECTIONS.map((section) => {
        const route = { name: 'kb', view: { section } } as const;
        return (
          <a
            key={section}
            href={hrefOf(route)}
            class="admin__nav-link"
            aria-current={section === current ? 'page' : undefined}
            onClick={(event) => {
              event.preventDefault();
              navigation.go(route);
            }}
            data-testid={`kb-section-${section}`}
          >
            {t(`sections.${section}`)}
          </a>
        );
      })}
    </nav>
  );
}

function Section({ view, store, canEdit }: { view: KbView; store: KbStore; canEdit: boolean }) {
  switch (view.section) {
    case 'articles':
      return <ArticleList store={store} canEdit={canEdit} />;
    case 'article':
    case 'new-article':
      return <ArticleEditor view={view} store={store} canEdit={canEdit} />;
    case 'categories':
      return <CategoriesEditor store={store} canEdit={canEdit} />;
    case 'notice':
      return <StatusNoticeEditor canEdit={canEdit} />;
    case 'stats':
      return <KbStatsView />;
  }
}

export function KnowledgeBaseRoute({ view }: { view: KbView }) {
  const { session } = useConsole();
  const { kb } = useInsightClients();
  const store = useMemo(() => createKbStore(kb), [kb]);
  const canEdit = session.agent.value?.role === 'admin';
  useEffect(() => void store.loadCategories().catch(() => undefined), [store]);
  const current: KbSection = view.section === 'article' || view.section === 'new-article' ? 'articles' : view.section;
  return (
    <div class="admin kb">
      <SectionsNav current={current} />
      <main class="admin__content" data-testid="kb-page" data-section={view.section}>
        <Section view={view} store={store} canEdit={canEdit} />
      </main>
    </div>
  );
}
