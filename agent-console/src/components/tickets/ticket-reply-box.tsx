/**
 * Answering a ticket: a public reply (e-mailed to the requester) or an internal note, with files
 * if wanted, and optionally a new status in the same step ("reply and set pending"). Ctrl+Enter sends.
 */
import type { ErrorCode, MESSAGE_MAX_LENGTH as SharedMaxLength, Ticket, TicketStatus } from '@parley/shared';
import { useState } from 'preact/hooks';
import { errorCodeOf } from '../../api/api-error';
import { useLive, useT } from '../../state/console-context';
import { useCannedSuggestions } from '../canned-suggestions';
import { useComposerFiles } from '../composer-files';
import { statusLabel } from './ticket-values';

const MESSAGE_MAX_LENGTH: typeof SharedMaxLength = 5000;
const THEN_STATUSES = ['open', 'pending', 'on_hold', 'solved'] as const satisfies readonly TicketStatus[];

export function TicketReplyBox({ ticket }: { ticket: Ticket }) {
  const live = useLive();
  const t = useT();
  const draftKey = `ticket:${ticket.id}`;
  const [text, setTextState] = useState(() => live.drafts.get(draftKey) ?? '');
  const setText = (value: string) => {
    live.drafts.set(draftKey, value);
    setTextState(value);
  };
  const [internal, setInternal] = useState(false);
  const [thenStatus, setThenStatus] = useState<TicketStatus | ''>('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorCode | null>(null);
  const canned = useCannedSuggestions({ listId: 'ticket-reply-canned', text, setText });
  const closed = ticket.status === 'closed';
  // No picking while a reply is on its way: the files cleared after it must be the ones it took.
  const files = useComposerFiles({ ticketId: ticket.id }, closed || busy);
  // Text, files or both: a screenshot may say all there is to say.
  const canSend = !busy && !closed && !!files.ready && (!!text.trim() || files.ready.length > 0);

  async function send() {
    const reply = text.trim();
    const attachments = files.ready?.map((file) => file.id);
    if (!canSend || !attachments) return;
    setBusy(true);
    setError(null);
    try {
      await live.tickets.reply(ticket.id, {
        text: reply,
        internal,
        ...(thenStatus ? { status: thenStatus } : {}),
        ...(attachments.length > 0 ? { attachments } : {}),
      });
      setText('');
      setThenStatus('');
      files.clear();
    } catch (failure) {
      setError(errorCodeOf(failure));
    } finally {
      setBusy(false);
    }
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.isComposing || canned.onKeyDown(event)) return;
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void send();
    }
  }

  return (
    <form
      class={`ticket-reply${internal ? ' ticket-reply--internal' : ''}`}
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
      onDragOver={(event) => {
        if (!closed && event.dataTransfer?.types.includes('Files')) event.preventDefault();
      }}
      onDrop={(event) => {
        if (!event.dataTransfer?.files.length) return;
        event.preventDefault();
        files.add(event.dataTransfer.files);
      }}
      data-testid="ticket-reply"
    >
      <div class="ticket-reply__mode segmented" role="group" aria-label={t('ticketReply.mode')}>
        <button
          type="button"
          class="segmented__option"
          aria-pressed={!internal}
          onClick={() => setInternal(false)}
          data-testid="ticket-reply-public"
        >
          {t('ticketReply.public')}
        </button>
        <button
          type="button"
          class="segmented__option"
          aria-pressed={internal}
          onClick={() => setInternal(true)}
          data-testid="ticket-note-toggle"
        >
          {t('chat.internalNote')}
        </button>
      </div>
      <div class="ticket-reply__box">
        {canned.list}
        {files.list}
        <label class="visually-hidden" for="ticket-reply-input">
          {t('ticketReply.label')}
        </label>
        <textarea
          id="ticket-reply-input"
          class="ticket-reply__input"
          rows={4}
          dir="auto"
          maxLength={MESSAGE_MAX_LENGTH}
          placeholder={
            internal
              ? t('chat.notePlaceholder')
              : ticket.requesterEmail
                ? t('ticketReply.placeholder', { email: ticket.requesterEmail })
                : t('ticketReply.noEmailPlaceholder')
          }
          aria-describedby="ticket-reply-hint"
          {...canned.inputProps}
          value={text}
          disabled={closed}
          onInput={(event) => {
            setText(event.currentTarget.value);
            canned.reset();
          }}
          onKeyDown={onKeyDown}
          onPaste={(event) => {
            if (!event.clipboardData?.files.length) return;
            event.preventDefault();
            files.add(event.clipboardData.files);
          }}
          data-testid="ticket-reply-input"
        />
        <span id="ticket-reply-hint" class="ticket-reply__hint">
          {closed
            ? t('ticketReply.closed')
            : internal
              ? t('ticketReply.noteHint')
              : // Without an address the reply reaches nobody; the agent must not think it did.
                ticket.requesterEmail
                ? t('ticketReply.publicHint')
                : t('ticketReply.noEmailHint')}
        </span>
      </div>
      <div class="ticket-reply__actions">
        <label class="filter">
          <span class="filter__label">{t('ticketReply.thenStatus')}</span>
          <select
            value={thenStatus}
            onChange={(event) => {
              const value = event.currentTarget.value;
              setThenStatus(THEN_STATUSES.find((s) => s === value) ?? '');
            }}
            data-testid="ticket-reply-status"
          >
            <option value="">{t('ticketReply.keepStatus', { status: statusLabel(t, ticket.status) })}</option>
            {THEN_STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusLabel(t, s)}
              </option>
            ))}
          </select>
        </label>
        {!closed && files.button}
        <button
          type="submit"
          class="button button--primary"
          disabled={!canSend}
          data-testid="ticket-reply-send"
        >
          {internal ? t('ticketReply.addNote') : t('ticketReply.send')}
        </button>
      </div>
      {error && (
        <p class="form-error" role="alert" data-code={error}>
          {t(`errors.${error}`)}
        </p>
      )}
    </form>
  );
}
