/** An article's translations (one article per language in a group), and starting a new one. */
import type { KbArticleView } from '@parley/shared';
import { useState } from 'preact/hooks';
import { useInsightT } from '../../i18n/use-insight-t';
import { useConsole } from '../../state/console-context';
import { hrefOf } from '../../state/navigation.store';
import { Dialog } from '../dialog';
import { languageName } from '../language-name';
import { offeredLanguages } from './kb-language';

function AddTranslationDialog(props: { view: KbArticleView; seen: readonly string[]; onClose(): void }) {
  const { navigation, translator } = useConsole();
  const t = useInsightT();
  const taken = new Set([props.view.article.language, ...props.view.translations.map((l) => l.language)]);
  const choices = offeredLanguages(props.seen).filter((code) => !taken.has(code));
  const [language, setLanguage] = useState(choices[0] ?? '');
  const locale = translator.language.value;

  function start(event: Event) {
    event.preventDefault();
    if (!language) return;
    navigation.go({
      name: 'kb',
      view: { section: 'new-article', translationOf: props.view.article.id, language },
    });
    props.onClose();
  }

  return (
    <Dialog title={t('translations.addTitle', { title: props.view.article.title })} onClose={props.onClose}>
      <form class="dialog__form" onSubmit={start}>
        <p class="dialog__text">{t('translations.addExplain')}</p>
        <label class="field">
          <span class="field__label">{t('translations.language')}</span>
          <select value={language} onChange={(e) => setLanguage(e.currentTarget.value)} data-autofocus>
            {choices.map((code) => (
              <option key={code} value={code}>
                {languageName(code, locale)} ({code})
              </option>
            ))}
          </select>
        </label>
        <div class="dialog__actions">
          <button type="button" class="button button--quiet" onClick={props.onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" class="button button--primary" disabled={!language}>
            {t('translations.start')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function TranslationsPanel(props: { view: KbArticleView; seen: readonly string[]; canEdit: boolean }) {
  const { navigation, translator } = useConsole();
  const t = useInsightT();
  const [adding, setAdding] = useState(false);
  const locale = translator.language.value;
  const { article, translations } = props.view;
  return (
    <section class="kb-side-block" aria-labelledby="kb-translations-title" data-testid="kb-translations">
      <h2 id="kb-translations-title" class="kb-side-block__title">
        {t('translations.title')}
      </h2>
      <ul class="kb-translations">
        <li aria-current="page">
          <strong>{languageName(article.language, locale)}</strong> <span class="muted">({article.language})</span>
        </li>
        {translations.map((link) => {
          const route = { name: 'kb', view: { section: 'article', articleId: link.articleId } } as const;
          return (
            <li key={link.articleId}>
              <a
                href={hrefOf(route)}
                onClick={(event) => {
                  event.preventDefault();
                  navigation.go(route);
                }}
                data-testid="kb-translation-link"
              >
                {languageName(link.language, locale)}
              </a>{' '}
              <span class="muted">({link.language})</span>
            </li>
          );
        })}
      </ul>
      {translations.length === 0 && <p class="muted">{t('translations.none')}</p>}
      {props.canEdit && (
        <button type="button" class="button button--small" onClick={() => setAdding(true)} data-testid="kb-add-translation">
          {t('translations.add')}
        </button>
      )}
      {adding && <AddTranslationDialog view={props.view} seen={props.seen} onClose={() => setAdding(false)} />}
    </section>
  );
}
