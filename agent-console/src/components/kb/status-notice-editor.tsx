/**
 * The site's status notice ("Payments are slow, we are on it"), shown in the widget and the help
 * centre until withdrawn. Admins post, change and withdraw it; agents see what visitors see.
 */
import type { ErrorCode, StatusNotice, StatusNoticeSeverity } from '@parley/shared';
import { NOTICE_SEVERITIES, NOTICE_TEXT_MAX } from '../../api/insight-limits';
import { useState } from 'preact/hooks';
import { ApiError, errorCodeOf } from '../../api/api-error';
import { useInsightT } from '../../i18n/use-insight-t';
import { useConsole } from '../../state/console-context';
import { useInsightClients } from '../../state/insight-clients';
import { formatMoment } from '../analytics/analytics-format';
import { ConfirmDialog } from '../confirm-dialog';
import { ErrorLine, FailedLine, LoadingLine } from '../insight-state';
import { useLoaded } from './use-loaded';

function NoticeBanner({ notice }: { notice: StatusNotice }) {
  const t = useInsightT();
  const locale = useConsole().translator.language.value;
  return (
    <div class={`kb-notice kb-notice--${notice.severity}`} data-testid="kb-notice-current" data-severity={notice.severity}>
      <strong>{t(`notice.severity.${notice.severity}`)}</strong>
      <bdi class="kb-notice__text">{notice.text}</bdi>
      <span class="kb-notice__meta">{t('notice.postedAt', { when: formatMoment(notice.postedAt, locale) })}</span>
    </div>
  );
}

function NoticeForm(props: { notice: StatusNotice | null; onPosted(notice: StatusNotice | null): void }) {
  const { kb } = useInsightClients();
  const t = useInsightT();
  const [text, setText] = useState(props.notice?.text ?? '');
  const [severity, setSeverity] = useState<StatusNoticeSeverity>(props.notice?.severity ?? 'info');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ code: ErrorCode; detail?: string } | null>(null);
  const [note, setNote] = useState<'posted' | 'withdrawn' | null>(null);
  const [withdrawing, setWithdrawing] = useState(false);
  const unchanged = props.notice !== null && text.trim() === props.notice.text && severity === props.notice.severity;

  async function post(event: Event) {
    event.preventDefault();
    if (!text.trim()) return;
    setBusy(true);
    setError(null);
    setNote(null);
    try {
      props.onPosted(await kb.postStatusNotice({ text: text.trim(), severity }));
      setNote('posted');
    } catch (failure) {
      setError({ code: errorCodeOf(failure), detail: failure instanceof ApiError ? failure.message : undefined });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="settings-section" onSubmit={post} data-testid="kb-notice-form">
      <div class="field">
        <label class="field__label" for="kb-notice-text">
          {t('notice.text')}
        </label>
        <textarea
          id="kb-notice-text"
          aria-describedby="kb-notice-hint"
          rows={3}
          maxLength={NOTICE_TEXT_MAX}
          dir="auto"
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
          data-testid="kb-notice-text"
        />
        <span id="kb-notice-hint" class="field__hint">
          {t('notice.textHint', { max: NOTICE_TEXT_MAX })}
        </span>
      </div>
      <fieldset class="fieldset">
        <legend class="field__label">{t('notice.severityLabel')}</legend>
        <div class="checks">
          {NOTICE_SEVERITIES.map((s) => (
            <label key={s} class="check">
              <input type="radio" name="kb-notice-severity" value={s} checked={severity === s} onChange={() => setSeverity(s)} />
              <span class={`kb-severity kb-severity--${s}`}>{t(`notice.severity.${s}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <ErrorLine error={error} />
      <div class="settings-section__footer">
        <span class="settings-section__status" role="status">
          {note ? t(`notice.${note}`) : ''}
        </span>
        {props.notice && (
          <button type="button" class="button" onClick={() => setWithdrawing(true)} data-testid="kb-notice-withdraw">
            {t('notice.withdraw')}
          </button>
        )}
        <button
          type="submit"
          class="button button--primary"
          disabled={busy || !text.trim() || unchanged}
          data-testid="kb-notice-post"
        >
          {props.notice ? t('notice.update') : t('notice.post')}
        </button>
      </div>
      {withdrawing && (
        <ConfirmDialog
          title={t('notice.withdrawTitle')}
          text={t('notice.withdrawText')}
          confirmLabel={t('notice.withdraw')}
          danger
          onConfirm={async () => {
            await kb.withdrawStatusNotice();
            props.onPosted(null);
            setText('');
            setSeverity('info');
            setNote('withdrawn');
            setWithdrawing(false);
          }}
          onClose={() => setWithdrawing(false)}
        />
      )}
    </form>
  );
}

export function StatusNoticeEditor({ canEdit }: { canEdit: boolean }) {
  const { kb } = useInsightClients();
  const t = useInsightT();
  const { loaded, reload, set } = useLoaded(() => kb.statusNotice(), [kb]);
  return (
    <section class="admin-section" aria-labelledby="kb-notice-title" data-testid="kb-notice">
      <header class="admin-section__header">
        <h1 id="kb-notice-title">{t('notice.title')}</h1>
      </header>
      <p class="admin-section__note">{canEdit ? t('notice.explain') : t('notice.explainAgent')}</p>
      {loaded.state === 'loading' && <LoadingLine />}
      {loaded.state === 'failed' && <FailedLine error={loaded.error} retry={reload} />}
      {loaded.state === 'ready' && (
        <>
          {loaded.value ? <NoticeBanner notice={loaded.value} /> : <p class="insight-empty">{t('notice.none')}</p>}
          {canEdit && <NoticeForm notice={loaded.value} onPosted={set} />}
        </>
      )}
    </section>
  );
}
