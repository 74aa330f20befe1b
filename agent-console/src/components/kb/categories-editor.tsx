/** The knowledge base's categories, in help-centre order; admins add, rename, reorder and delete. */
import type { KbCategory } from '@parley/shared';
import { useState } from 'preact/hooks';
import { useInsightT } from '../../i18n/use-insight-t';
import { useConsole } from '../../state/console-context';
import { useInsightClients } from '../../state/insight-clients';
import type { KbStore } from '../../state/kb.store';
import { ConfirmDialog } from '../confirm-dialog';
import { FailedLine, LoadingLine } from '../insight-state';
import { categoryName } from './article-list';
import { CategoryDialog } from './category-dialog';

export function CategoriesEditor({ store, canEdit }: { store: KbStore; canEdit: boolean }) {
  const { kb } = useInsightClients();
  const t = useInsightT();
  const locale = useConsole().translator.language.value;
  const [editing, setEditing] = useState<{ category: KbCategory | null } | null>(null);
  const [deleting, setDeleting] = useState<KbCategory | null>(null);
  const categories = store.categories.value;
  const state = store.categoriesState.value;
  const nextPosition = categories.reduce((max, c) => Math.max(max, c.position + 10), 0);

  return (
    <section class="admin-section" aria-labelledby="kb-categories-title" data-testid="kb-categories">
      <header class="admin-section__header">
        <h1 id="kb-categories-title">{t('categories.title')}</h1>
        {canEdit && (
          <button type="button" class="button button--primary" onClick={() => setEditing({ category: null })}>
            {t('categories.add')}
          </button>
        )}
      </header>
      <p class="admin-section__note">{canEdit ? t('categories.explain') : t('editor.readOnly')}</p>
      {state === 'loading' && <LoadingLine />}
      {state === 'failed' && <FailedLine error="INTERNAL" retry={() => void store.loadCategories().catch(() => undefined)} />}
      {state === 'ready' && categories.length === 0 && <p class="insight-empty">{t('categories.none')}</p>}
      {categories.length > 0 && (
        <ul class="admin-list">
          {categories.map((c) => (
            <li key={c.id} class="admin-list__item" data-testid="kb-category-row">
              <span class="kb-category__position">{c.position}</span>
              <span class="kb-category__name">
                <strong dir="auto">{categoryName(c, locale)}</strong>
                <span class="admin-table__sub" dir="ltr">
                  /{c.slug} · {Object.keys(c.names).join(', ')}
                </span>
              </span>
              {canEdit && (
                <span class="admin-table__actions">
                  <button
                    type="button"
                    class="button button--small"
                    aria-label={t('categories.editNamed', { name: categoryName(c, locale) })}
                    onClick={() => setEditing({ category: c })}
                  >
                    {t('categories.edit')}
                  </button>
                  <button
                    type="button"
                    class="button button--small button--quiet"
                    aria-label={t('categories.deleteNamed', { name: categoryName(c, locale) })}
                    onClick={() => setDeleting(c)}
                  >
                    {t('categories.delete')}
                  </button>
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {editing && (
        <CategoryDialog
          category={editing.category}
          nextPosition={nextPosition}
          onSaved={(saved) => store.putCategory(saved)}
          onClose={() => setEditing(null)}
        />
      )}
      {deleting && (
        <ConfirmDialog
          title={t('categories.deleteTitle', { name: categoryName(deleting, locale) })}
          text={t('categories.deleteText')}
          confirmLabel={t('categories.delete')}
          danger
          onConfirm={async () => {
            await kb.deleteCategory(deleting.id);
            store.dropCategory(deleting.id);
            setDeleting(null);
          }}
          onClose={() => setDeleting(null)}
        />
      )}
    </section>
  );
}
