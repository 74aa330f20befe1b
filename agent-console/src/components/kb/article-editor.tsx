/**
 * One article: load it (or the article a translation starts from), edit it with a live
 * preview, save, publish or unpublish, delete after confirming. Agents read; admins write.
 */
import type { ErrorCode, KbArticleView } from '@parley/shared';
import { useState } from 'preact/hooks';
import { ApiError, errorCodeOf, refusedField } from '../../api/api-error';
import { useInsightT } from '../../i18n/use-insight-t';
import { useConsole } from '../../state/console-context';
import { useInsightClients } from '../../state/insight-clients';
import type { KbView } from '../../state/insight-routes';
import type { KbStore } from '../../state/kb.store';
import { hrefOf } from '../../state/navigation.store';
import { ConfirmDialog } from '../confirm-dialog';
import { ErrorLine, FailedLine, LoadingLine } from '../insight-state';
import { useUnsavedChanges } from '../unsaved-changes';
import { draftOf, emptyDraft, inputOf, patchOf, problemsOf, type ArticleDraft } from './article-draft';
import { ArticleBodyEditor, ArticleSideFields } from './article-fields';
import { languageName } from '../language-name';
import { TranslationsPanel } from './translations-panel';
import { useLoaded } from './use-loaded';

export type EditorView = Extract<KbView, { section: 'article' } | { section: 'new-article' }>;

type Note = 'saved' | 'published' | 'unpublished';

/** A refusal the server gave about one field: shown by that field, not as the server's words. */
export type RefusedField = 'slug';

interface FormProps {
  store: KbStore;
  canEdit: boolean;
  /** The article as saved; null until a new one is first saved. */
  saved: KbArticleView | null;
  initial: ArticleDraft;
  /** For a new translation: the article it translates. */
  original: KbArticleView | null;
  note: Note | null;
}

function BackLink() {
  const { navigation } = useConsole();
  const t = useInsightT();
  const route = { name: 'kb', view: { section: 'articles' } } as const;
  return (
    <a
      class="kb-back"
      href={hrefOf(route)}
      onClick={(event) => {
        event.preventDefault();
        navigation.go(route);
      }}
    >
      {t('editor.back')}
    </a>
  );
}

function useArticleActions(props: FormProps, draft: ArticleDraft) {
  const { kb } = useInsightClients();
  const { navigation } = useConsole();
  const [saved, setSaved] = useState(props.saved);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ code: ErrorCode; detail?: string } | null>(null);
  const [refused, setRefused] = useState<RefusedField | null>(null);
  const [note, setNote] = useState<Note | null>(props.note);

  async function persist(): Promise<KbArticleView> {
    if (!saved) return kb.createArticle(inputOf(draft, props.original?.article.id ?? null));
    const patch = patchOf(draft, saved.article);
    return patch ? kb.updateArticle(saved.article.id, patch) : saved;
  }

  /** Runs a write; a new article then moves to its own address, an existing one shows the answer. */
  async function run(write: () => Promise<{ view: KbArticleView; note: Note }>, onSaved: (view: KbArticleView) => void) {
    setBusy(true);
    setError(null);
    setRefused(null);
    setNote(null);
    try {
      const result = await write();
      if (!saved) {
        props.store.handOff(result.view, result.note);
        // Saved: the article moves to its own address with nothing left to lose.
        navigation.go({ name: 'kb', view: { section: 'article', articleId: result.view.article.id } }, { discardUnsaved: true });
        return;
      }
      setSaved(result.view);
      onSaved(result.view);
      setNote(result.note);
    } catch (failure) {
      // A taken address is said by the Address field; the line above the form only says to look there.
      if (refusedField(failure) === 'slug') {
        setRefused('slug');
        setError({ code: errorCodeOf(failure) });
      } else {
        setError({ code: errorCodeOf(failure), detail: failure instanceof ApiError ? failure.message : undefined });
      }
    } finally {
      setBusy(false);
    }
  }

  /** After an edit, a success notice is stale; the field refusal goes once that field changes. */
  function edited(change: Partial<ArticleDraft>) {
    setNote(null);
    if (refused && refused in change) {
      setRefused(null);
      setError(null);
    }
  }

  return { saved, busy, error, refused, note, persist, run, edited };
}

const sameDraft = (a: ArticleDraft, b: ArticleDraft): boolean =>
  (Object.keys(a) as (keyof ArticleDraft)[]).every((key) => a[key] === b[key]);

function ArticleForm(props: FormProps) {
  const { kb } = useInsightClients();
  const { navigation, translator } = useConsole();
  const t = useInsightT();
  const [draft, setDraft] = useState(props.initial);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const actions = useArticleActions(props, draft);
  const { saved, busy } = actions;
  const isNew = saved === null;
  const problems = problemsOf(draft, isNew);
  const dirty = isNew || patchOf(draft, saved.article) !== null;
  // A new article's blank form is not work yet; what was typed into it is.
  useUnsavedChanges(props.canEdit && (isNew ? !sameDraft(draft, props.initial) : dirty));
  const published = saved?.article.status === 'published';
  const edit = (change: Partial<ArticleDraft>) => {
    setDraft((d) => ({ ...d, ...change }));
    actions.edited(change);
  };
  // An empty title is said once there is something to save: not on a blank new form.
  const titleMissing = problems.has('title') && (!isNew || draft !== props.initial);
  const afterSave = (view: KbArticleView) => setDraft(draftOf(view.article));

  const save = () =>
    actions.run(async () => ({ view: await actions.persist(), note: 'saved' }), afterSave);
  const togglePublished = () =>
    actions.run(async () => {
      const current = await actions.persist();
      const next = current.article.status !== 'published';
      return { view: await kb.setPublished(current.article.id, next), note: next ? 'published' : 'unpublished' };
    }, afterSave);

  function onKeyDown(event: KeyboardEvent) {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
      event.preventDefault();
      if (props.canEdit && dirty && problems.size === 0 && !busy) void save();
    }
  }

  const locale = translator.language.value;
  const heading = saved
    ? saved.article.title
    : props.original
      ? t('editor.newTranslationTitle', {
          title: props.original.article.title,
          language: languageName(draft.language, locale),
        })
      : t('editor.newTitle');
  const status = saved?.article.status ?? 'draft';

  return (
    <section class="kb-editor" aria-labelledby="kb-editor-title" data-testid="kb-editor" onKeyDown={onKeyDown}>
      <BackLink />
      <header class="kb-editor__header">
        <h1 id="kb-editor-title" dir="auto">
          {heading}
        </h1>
        <span class={`kb-status kb-status--${status}`} data-testid="kb-editor-status" data-status={status}>
          {isNew ? t('status.new') : t(`status.${status}`)}
        </span>
        {props.canEdit && (
          <div class="kb-editor__actions">
            {saved && (
              <button type="button" class="button button--quiet" onClick={() => setConfirmingDelete(true)}>
                {t('editor.delete')}
              </button>
            )}
            <button
              type="button"
              class="button"
              disabled={busy || problems.size > 0 || !dirty}
              onClick={() => void save()}
              data-testid="kb-save"
            >
              {t('editor.save')}
            </button>
            <button
              type="button"
              class="button button--primary"
              disabled={busy || problems.size > 0}
              onClick={() => void togglePublished()}
              data-testid="kb-publish"
            >
              {published ? t('editor.unpublish') : dirty ? t('editor.saveAndPublish') : t('editor.publish')}
            </button>
          </div>
        )}
      </header>
      {!props.canEdit && <p class="admin-section__note">{t('editor.readOnly')}</p>}
      {props.original && !saved && <p class="admin-section__note">{t('editor.translationHint')}</p>}
      <p class="kb-note" role="status" data-testid="kb-editor-note">
        {actions.note ? t(`editor.note.${actions.note}`) : ''}
      </p>
      <ErrorLine error={actions.error} />
      <div class="kb-editor__grid">
        <ArticleBodyEditor
          draft={draft}
          problems={problems}
          readOnly={!props.canEdit}
          edit={edit}
          saved={saved}
          dirty={dirty}
          titleMissing={titleMissing}
        />
        <aside class="kb-editor__side">
          <ArticleSideFields
            draft={draft}
            problems={problems}
            readOnly={!props.canEdit}
            edit={edit}
            isNew={isNew}
            languageFixed={!isNew || props.original !== null}
            store={props.store}
            saved={saved}
            slugRefused={actions.refused === 'slug'}
          />
          {saved && <TranslationsPanel view={saved} seen={props.store.languages.value} canEdit={props.canEdit} />}
        </aside>
      </div>
      {confirmingDelete && saved && (
        <ConfirmDialog
          title={t('editor.deleteTitle', { title: saved.article.title })}
          text={t('editor.deleteText')}
          confirmLabel={t('editor.delete')}
          danger
          onConfirm={async () => {
            await kb.deleteArticle(saved.article.id);
            navigation.go({ name: 'kb', view: { section: 'articles' } }, { discardUnsaved: true });
          }}
          onClose={() => setConfirmingDelete(false)}
        />
      )}
    </section>
  );
}

async function loadForEditor(view: EditorView, store: KbStore, load: (id: string) => Promise<KbArticleView>) {
  if (view.section === 'article') {
    const handed = store.takeHandOff(view.articleId);
    if (handed) return { saved: handed.view, original: null, note: handed.note as Note | null };
    return { saved: await load(view.articleId), original: null, note: null };
  }
  return { saved: null, original: view.translationOf ? await load(view.translationOf) : null, note: null };
}

export function ArticleEditor(props: { view: EditorView; store: KbStore; canEdit: boolean }) {
  const { kb } = useInsightClients();
  const { translator } = useConsole();
  const { view, store } = props;
  const key = view.section === 'article' ? view.articleId : `new:${view.translationOf}:${view.language}`;
  const { loaded, reload } = useLoaded(() => loadForEditor(view, store, kb.getArticle), [key, kb]);
  if (loaded.state === 'loading') return <LoadingLine />;
  if (loaded.state === 'failed') {
    return (
      <>
        <BackLink />
        <FailedLine error={loaded.error} retry={reload} />
      </>
    );
  }
  const { saved, original, note } = loaded.value;
  const language = view.section === 'new-article' ? (view.language ?? translator.language.value) : 'en';
  const initial = saved
    ? draftOf(saved.article)
    : original
      ? { ...draftOf(original.article), language, slug: '' }
      : emptyDraft(language);
  return (
    <ArticleForm
      key={key}
      store={store}
      canEdit={props.canEdit}
      saved={saved}
      original={original}
      initial={initial}
      note={note}
    />
  );
}
