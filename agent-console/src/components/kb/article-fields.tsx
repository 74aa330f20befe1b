/** The article editor's fields: title, summary and body with its preview; language, category, address. */
import type { KbArticleView } from '@parley/shared';
import { BODY_MAX, SUMMARY_MAX, TITLE_MAX } from '../../api/insight-limits';
import { useState } from 'preact/hooks';
import { useInsightT } from '../../i18n/use-insight-t';
import { useConsole } from '../../state/console-context';
import { formatCount } from '../analytics/analytics-format';
import type { KbStore } from '../../state/kb.store';
import type { ArticleDraft, DraftProblem } from './article-draft';
import { languageName } from '../language-name';
import { offeredLanguages } from './kb-language';
import { MarkdownPreview } from './markdown-preview';
import { SavedArticleView } from './saved-article-view';

/** The syntax at a glance, in symbols only so it reads the same in every language. */
const MARKDOWN_SAMPLE = '## …  **…**  *…*  - …  1. …  [ … ](https://…)  | … | … |';

interface FieldsProps {
  draft: ArticleDraft;
  problems: ReadonlySet<DraftProblem>;
  readOnly: boolean;
  edit(change: Partial<ArticleDraft>): void;
  saved: KbArticleView | null;
}

function PreviewPane(props: { draft: ArticleDraft; saved: KbArticleView | null; dirty: boolean }) {
  const t = useInsightT();
  const [mode, setMode] = useState<'live' | 'saved'>('live');
  const { saved } = props;
  return (
    <div class="kb-preview">
      <div class="kb-preview__bar">
        <span class="field__label">{t('editor.preview')}</span>
        <div class="segmented" role="group" aria-label={t('editor.preview')}>
          <button
            type="button"
            class="segmented__option"
            aria-pressed={mode === 'live'}
            onClick={() => setMode('live')}
          >
            {t('editor.previewLive')}
          </button>
          <button
            type="button"
            class="segmented__option"
            aria-pressed={mode === 'saved'}
            disabled={!saved}
            onClick={() => setMode('saved')}
            data-testid="kb-preview-saved"
          >
            {t('editor.previewSaved')}
          </button>
        </div>
      </div>
      {mode === 'live' || !saved ? (
        <MarkdownPreview source={props.draft.bodyMarkdown} label={t('editor.previewLive')} />
      ) : (
        <>
          {props.dirty && <p class="kb-preview__hint">{t('editor.savedViewStale')}</p>}
          <SavedArticleView html={saved.html} language={saved.article.language} title={t('editor.previewSaved')} />
        </>
      )}
    </div>
  );
}

export function ArticleBodyEditor(props: FieldsProps & { dirty: boolean; titleMissing: boolean }) {
  const t = useInsightT();
  const { draft, problems, readOnly, edit, titleMissing } = props;
  return (
    <div class="kb-editor__main">
      <div class="field">
        <label class="field__label" for="kb-title">
          {t('editor.title')}
        </label>
        <input
          id="kb-title"
          type="text"
          required
          maxLength={TITLE_MAX}
          dir="auto"
          readOnly={readOnly}
          value={draft.title}
          aria-invalid={titleMissing || (problems.has('title') && draft.title !== '')}
          aria-describedby={titleMissing ? 'kb-title-problem' : undefined}
          onInput={(e) => edit({ title: e.currentTarget.value })}
          data-testid="kb-title-input"
        />
        {titleMissing && (
          <span id="kb-title-problem" class="field__hint field__hint--error" data-testid="kb-title-problem">
            {t('editor.titleRequired')}
          </span>
        )}
      </div>
      <div class="field">
        <label class="field__label" for="kb-summary">
          {t('editor.summary')}
        </label>
        <input
          id="kb-summary"
          aria-describedby="kb-summary-hint"
          type="text"
          maxLength={SUMMARY_MAX}
          dir="auto"
          readOnly={readOnly}
          value={draft.summary}
          onInput={(e) => edit({ summary: e.currentTarget.value })}
          data-testid="kb-summary-input"
        />
        <span id="kb-summary-hint" class="field__hint">
          {t('editor.summaryHint')}
        </span>
      </div>
      <div class="kb-editor__split">
        <div class="field kb-body">
          <label class="field__label" for="kb-body">
            {t('editor.body')}
          </label>
          <textarea
            id="kb-body"
            rows={18}
            maxLength={BODY_MAX}
            dir="auto"
            readOnly={readOnly}
            value={draft.bodyMarkdown}
            aria-describedby="kb-body-hint"
            onInput={(e) => edit({ bodyMarkdown: e.currentTarget.value })}
            data-testid="kb-body-input"
          />
          <span id="kb-body-hint" class="field__hint">
            {t('editor.bodyHint')}{' '}
            <code class="kb-syntax" dir="ltr">
              {MARKDOWN_SAMPLE}
            </code>
          </span>
        </div>
        <PreviewPane draft={draft} saved={props.saved} dirty={props.dirty} />
      </div>
    </div>
  );
}

export function ArticleSideFields(
  props: FieldsProps & { isNew: boolean; languageFixed: boolean; store: KbStore; slugRefused: boolean },
) {
  const t = useInsightT();
  const locale = useConsole().translator.language.value;
  const { draft, problems, readOnly, edit, saved } = props;
  const categories = props.store.categories.value;
  const slugInvalid = problems.has('slug') || props.slugRefused;
  return (
    <div class="kb-side-block">
      <label class="field">
        <span class="field__label">{t('editor.language')}</span>
        {props.languageFixed || readOnly ? (
          <span data-testid="kb-language">
            {languageName(draft.language, locale)} ({draft.language})
          </span>
        ) : (
          <select value={draft.language} onChange={(e) => edit({ language: e.currentTarget.value })} data-testid="kb-language">
            {offeredLanguages(props.store.languages.value).map((code) => (
              <option key={code} value={code}>
                {languageName(code, locale)} ({code})
              </option>
            ))}
          </select>
        )}
      </label>
      <label class="field">
        <span class="field__label">{t('editor.category')}</span>
        <select
          value={draft.categoryId}
          disabled={readOnly}
          onChange={(e) => edit({ categoryId: e.currentTarget.value })}
          data-testid="kb-category"
        >
          <option value="">{t('editor.noCategory')}</option>
          {categories.map((c) => (
            <option key={c.id} value={c.id}>
              {c.names[locale] ?? c.names.en ?? Object.values(c.names)[0] ?? c.slug}
            </option>
          ))}
        </select>
      </label>
      <div class="field">
        <label class="field__label" for="kb-slug">
          {t('editor.slug')}
        </label>
        <input
          id="kb-slug"
          type="text"
          dir="ltr"
          maxLength={120}
          readOnly={readOnly}
          value={draft.slug}
          placeholder={props.isNew ? t('editor.slugAuto') : undefined}
          aria-invalid={slugInvalid}
          aria-describedby={props.slugRefused ? 'kb-slug-problem kb-slug-hint' : 'kb-slug-hint'}
          onInput={(e) => edit({ slug: e.currentTarget.value })}
          data-testid="kb-slug-input"
        />
        {props.slugRefused && (
          <span id="kb-slug-problem" class="field__hint field__hint--error" data-testid="kb-slug-problem">
            {t('editor.slugTaken')}
          </span>
        )}
        <span id="kb-slug-hint" class={problems.has('slug') ? 'field__hint field__hint--error' : 'field__hint'}>
          {t('editor.slugHint')}
        </span>
      </div>
      {saved?.article.status === 'published' && (
        <p>
          <a href={saved.url} target="_blank" rel="noopener noreferrer" data-testid="kb-public-link">
            {t('editor.openPublic')}
          </a>
        </p>
      )}
      {saved && (
        <dl class="kb-feedback" aria-label={t('stats.title')}>
          <dt>{t('stats.helpful')}</dt>
          <dd>{formatCount(saved.article.helpfulCount, locale)}</dd>
          <dt>{t('stats.notHelpful')}</dt>
          <dd>{formatCount(saved.article.notHelpfulCount, locale)}</dd>
          <dt>{t('stats.solved')}</dt>
          <dd>{formatCount(saved.article.solvedCount, locale)}</dd>
          <dt>{t('stats.human')}</dt>
          <dd>{formatCount(saved.article.humanCount, locale)}</dd>
        </dl>
      )}
    </div>
  );
}
