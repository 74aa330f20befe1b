/**
 * Under a chat that became a request (a ticket): nobody answered in time, or the visitor ended it
 * unanswered. The answer comes by e-mail, so an address is asked for when none is on file.
 */
import { useState } from 'preact/hooks';
import type { PartProps } from '../chat-actions';
import { useTranslation } from '../i18n-context';
import { FailureLine, Field, useArrival, useSubmit } from './FormCard';
import { IsolatedValue, VALUE_SLOT } from './IsolatedValue';

export interface TicketNoticeProps extends PartProps {
  /** Known when the visitor ended the chat; the server does not tell it when a wait timed out. */
  ticketNumber: number | null;
  /** An e-mail address the answer can go to is known (to the server or to this panel). */
  emailKnown: boolean;
}

export function TicketNotice({ ticketNumber, emailKnown, store, actions }: TicketNoticeProps) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  // The server mails the request's details once it learns the address (`visitor:identify`).
  const [progress, submit] = useSubmit(() => (email.trim() ? actions.identify({ email: email.trim() }) : null));
  const card = useArrival(store);
  return (
    <div class="card" data-testid="ticket-notice" ref={card}>
      <p class="card__intro" role="status">
        {ticketNumber === null ? t('ticket.createdNoNumber') : t('ticket.created', { number: ticketNumber })}
      </p>
      {progress === 'done' ? (
        <p class="card__intro" role="status">
          <IsolatedValue sentence={t('ticket.emailSaved', { email: VALUE_SLOT })} value={email.trim()} dir="ltr" />
        </p>
      ) : (
        !emailKnown && (
          <form class="card__row" onSubmit={submit}>
            <Field label={t('ticket.askEmail')}>
              <input
                type="email"
                autoComplete="email"
                required
                maxLength={254}
                value={email}
                onInput={(e) => setEmail(e.currentTarget.value)}
              />
            </Field>
            <button type="submit" class="button" disabled={progress === 'sending'}>
              {t('prechat.save')}
            </button>
            <FailureLine progress={progress} />
          </form>
        )
      )}
    </div>
  );
}

export default TicketNotice;
