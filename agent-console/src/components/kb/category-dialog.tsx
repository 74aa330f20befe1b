/** Adding or editing a knowledge-base category: its names per language, its address and its place. */
import type { ErrorCode, KbCategory } from '@parley/shared';
import { useState } from 'preact/hooks';
import { ApiError, errorCodeOf } from '../../api/api-error';
import { useInsightT } from '../../i18n/use-insight-t';
import { useConsole } from '../../state/console-context';
import { useInsightClients } from '../../state/insight-clients';
import { Dialog } from '../dialog';
import { ErrorLine } from '../insight-state';
import { SLUG } from './article-draft';
import { languageName } from '../language-name';
import { offeredLanguages } from './kb-language';

interface NameRow {
  language: string;
  name: string;
}

/** The address a name suggests, the way the server makes article addresses from titles. */
export function slugFromName(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{Ll}\p{Lo}\p{N}]+/gu, '-')
    .slice(0, 80)
    .replace(/^-+|-+$/g, '');
}

function rowsOf(category: KbCategory | null): NameRow[] {
  if (!category) return [{ language: 'en', name: '' }];
  return Object.entries(category.names).map(([language, name]) => ({ language, name }));
}

export function CategoryDialog(props: {
  category: KbCategory | null;
  nextPosition: number;
  onSaved(category: KbCategory): void;
  onClose(): void;
}) {
  const { kb } = useInsightClients();
  const t = useInsightT();
  const locale = useConsole().translator.language.value;
  const { category } = props;
  const [rows, setRows] = useState<NameRow[]>(rowsOf(category));
  const [slug, setSlug] = useState(category?.slug ?? '');
  const [slugTouched, setSlugTouched] = useState(category !== null);
  const [position, setPosition] = useState(String(category?.position ?? props.nextPosition));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ code: ErrorCode; detail?: string } | null>(null);

  const shownSlug = slugTouched ? slug : slugFromName(rows[0]?.name ?? '');
  const filled = rows.filter((r) => r.name.trim());
  const languages = filled.map((r) => r.language);
  const duplicate = new Set(languages).size !== languages.length;
  const positionNumber = Number(position);
  const valid =
    filled.length > 0 &&
    !duplicate &&
    SLUG.test(shownSlug) &&
    Number.isInteger(positionNumber) &&
    positionNumber >= 0 &&
    positionNumber <= 10_000;

  const setRow = (index: number, change: Partial<NameRow>) =>
    setRows((all) => all.map((row, i) => (i === index ? { ...row, ...change } : row)));
  const unused = offeredLanguages([]).find((code) => !rows.some((r) => r.language === code)) ?? 'en';

  async function submit(event: Event) {
    event.preventDefault();
    if (!valid) return;
    setBusy(true);
    setError(null);
    const body = {
      slug: shownSlug,
      names: Object.fromEntries(filled.map((r) => [r.language, r.name.trim()])),
      position: positionNumber,
    };
    try {
      props.onSaved(category ? await kb.updateCategory(category.id, body) : await kb.createCategory(body));
      props.onClose();
    } catch (failure) {
      setError({ code: errorCodeOf(failure), detail: failure instanceof ApiError ? failure.message : undefined });
      setBusy(false);
    }
  }

  return (
    <Dialog title={category ? t('categories.editTitle') : t('categories.addTitle')} onClose={props.onClose} wide>
      <form class="dialog__form" onSubmit={submit} data-testid="kb-category-form">
        <fieldset class="fieldset kb-names">
          <legend class="field__label">{t('categories.names')}</legend>
          {rows.map((row, index) => (
            <div class="kb-names__row" key={index}>
              <select
                aria-label={t('categories.nameLanguage')}
                value={row.language}
                onChange={(e) => setRow(index, { language: e.currentTarget.value })}
              >
                {offeredLanguages([row.language]).map((code) => (
                  <option key={code} value={code}>
                    {languageName(code, locale)}
                  </option>
                ))}
              </select>
              <input
                type="text"
                dir="auto"
                maxLength={120}
                aria-label={t('categories.nameIn', { language: languageName(row.language, locale) })}
                value={row.name}
                onInput={(e) => setRow(index, { name: e.currentTarget.value })}
                data-autofocus={index === 0 ? true : undefined}
              />
              {rows.length > 1 && (
                <button
                  type="button"
                  class="button button--quiet button--small"
                  onClick={() => setRows((all) => all.filter((_, i) => i !== index))}
                >
                  {t('categories.removeName')}
                </button>
              )}
            </div>
          ))}
          {duplicate && <span class="field__hint field__hint--error">{t('categories.duplicateLanguage')}</span>}
          <button
            type="button"
            class="button button--small kb-names__add"
            onClick={() => setRows((all) => [...all, { language: unused, name: '' }])}
          >
            {t('categories.addName')}
          </button>
        </fieldset>
        <div class="field-row">
          <div class="field">
            <label class="field__label" for="kb-category-slug">
              {t('categories.slug')}
            </label>
            <input
              id="kb-category-slug"
              aria-describedby="kb-category-slug-hint"
              type="text"
              dir="ltr"
              required
              maxLength={120}
              value={shownSlug}
              aria-invalid={shownSlug !== '' && !SLUG.test(shownSlug)}
              onInput={(e) => {
                setSlugTouched(true);
                setSlug(e.currentTarget.value);
              }}
            />
            <span id="kb-category-slug-hint" class="field__hint">
              {t('editor.slugHint')}
            </span>
          </div>
          <div class="field">
            <label class="field__label" for="kb-category-position">
              {t('categories.position')}
            </label>
            <input
              id="kb-category-position"
              aria-describedby="kb-category-position-hint"
              type="number"
              min={0}
              max={10000}
              step={1}
              value={position}
              onInput={(e) => setPosition(e.currentTarget.value)}
            />
            <span id="kb-category-position-hint" class="field__hint">
              {t('categories.positionHint')}
            </span>
          </div>
        </div>
        <ErrorLine error={error} />
        <div class="dialog__actions">
          <button type="button" class="button button--quiet" onClick={props.onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" class="button button--primary" disabled={busy || !valid}>
            {t('common.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
