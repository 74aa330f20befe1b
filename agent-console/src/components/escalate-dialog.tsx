/** Turns a live chat into a ticket: which tier takes it, how urgent it is, and a note for them. */
import type { Conversation, ErrorCode, Ticket, TicketPriority, Tier } from '@parley/shared';
import { useState } from 'preact/hooks';
import { errorCodeOf } from '../api/api-error';
import { useLive, useT } from '../state/console-context';
import { Dialog } from './dialog';
import { isPriority, PRIORITIES, priorityLabel, tierLabel, tierOf, TIERS } from './tickets/ticket-values';

export interface EscalateDialogProps {
  conversation: Conversation;
  onClose(): void;
  onEscalated(ticket: Pick<Ticket, 'id' | 'number' | 'requesterEmail'>): void;
}

export function EscalateDialog({ conversation, onClose, onEscalated }: EscalateDialogProps) {
  const live = useLive();
  const t = useT();
  const [tier, setTier] = useState<Tier>(2);
  const [priority, setPriority] = useState<TicketPriority>('normal');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorCode | null>(null);

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const ticket = await live.tickets.escalateChat({
        conversationId: conversation.id,
        tier,
        priority,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      onEscalated(ticket);
    } catch (failure) {
      setError(errorCodeOf(failure));
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('escalate.title')} onClose={onClose} testId="escalate-dialog">
      <form class="dialog__form" onSubmit={submit}>
        <p class="dialog__text">{t('escalate.explain')}</p>
        <label class="field">
          <span class="field__label">{t('ticket.tierLabel')}</span>
          <select
            value={String(tier)}
            onChange={(e) => setTier(tierOf(e.currentTarget.value) ?? 1)}
            data-testid="escalate-tier"
          >
            {TIERS.map((value) => (
              <option key={value} value={value}>
                {tierLabel(t, value)}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span class="field__label">{t('ticket.priorityLabel')}</span>
          <select
            value={priority}
            onChange={(e) => isPriority(e.currentTarget.value) && setPriority(e.currentTarget.value)}
            data-testid="escalate-priority"
          >
            {PRIORITIES.map((value) => (
              <option key={value} value={value}>
                {priorityLabel(t, value)}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span class="field__label">{t('escalate.note')}</span>
          <textarea
            rows={3}
            value={note}
            dir="auto"
            maxLength={5000}
            placeholder={t('escalate.notePlaceholder')}
            onInput={(e) => setNote(e.currentTarget.value)}
            data-testid="escalate-note"
          />
        </label>
        {error && (
          <p class="form-error" role="alert" data-code={error}>
            {t(`errors.${error}`)}
          </p>
        )}
        <div class="dialog__actions">
          <button type="button" class="button button--quiet" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" class="button button--primary" disabled={busy} data-testid="escalate-submit">
            {t('escalate.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
