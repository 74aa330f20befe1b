/** The ticket's number, subject (editable in place) and who asked. */
import type { Ticket } from '@parley/shared';
import { useState } from 'preact/hooks';
import { useConsole, useT } from '../../state/console-context';
import { hrefOf } from '../../state/navigation.store';
import { useTicketUpdate } from './ticket-properties';
import { statusLabel } from './ticket-values';

function SubjectEditor({ ticket, done }: { ticket: Ticket; done(): void }) {
  const t = useT();
  const [subject, setSubject] = useState(ticket.subject);
  // Said after a Save with nothing but spaces, until the subject is typed again.
  const [empty, setEmpty] = useState(false);
  const { busy, error, save } = useTicketUpdate(ticket.id);
  async function submit(event: Event) {
    event.preventDefault();
    const next = subject.trim();
    if (!next) return setEmpty(true);
    if (next === ticket.subject) return done();
    if (await save({ subject: next })) done();
  }
  return (
    <form class="ticket-header__edit" onSubmit={submit}>
      <input
        type="text"
        value={subject}
        maxLength={200}
        aria-label={t('ticket.subject')}
        aria-invalid={empty}
        aria-describedby={empty ? 'ticket-subject-problem' : undefined}
        data-autofocus
        onInput={(e) => {
          setSubject(e.currentTarget.value);
          setEmpty(false);
        }}
        onKeyDown={(e) => e.key === 'Escape' && done()}
        data-testid="ticket-subject-input"
      />
      <button type="submit" class="button button--primary" disabled={busy}>
        {t('common.save')}
      </button>
      <button type="button" class="button button--quiet" onClick={done}>
        {t('common.cancel')}
      </button>
      {empty && (
        <p class="form-error" role="alert" id="ticket-subject-problem">
          {t('ticket.subjectRequired')}
        </p>
      )}
      {error && (
        <p class="form-error" role="alert">
          {t(`errors.${error}`)}
        </p>
      )}
    </form>
  );
}

export function TicketHeader({ ticket }: { ticket: Ticket }) {
  const { navigation } = useConsole();
  const t = useT();
  const [editing, setEditing] = useState(false);
  return (
    <header class="ticket-header">
      <a
        class="ticket-header__back"
        href={hrefOf({ name: 'tickets' })}
        onClick={(event) => {
          event.preventDefault();
          navigation.go({ name: 'tickets' });
        }}
        data-testid="ticket-back"
      >
        {t('ticket.back')}
      </a>
      {editing ? (
        <SubjectEditor ticket={ticket} done={() => setEditing(false)} />
      ) : (
        <div class="ticket-header__title">
          <h1 id="ticket-title" dir="auto">
            <span class="ticket-header__number">#{ticket.number}</span> {ticket.subject}
          </h1>
          <span class={`ticket-status ticket-status--${ticket.status}`} data-testid="ticket-status">
            {statusLabel(t, ticket.status)}
          </span>
          <button type="button" class="button button--small button--quiet" onClick={() => setEditing(true)}>
            {t('ticket.editSubject')}
          </button>
        </div>
      )}
    </header>
  );
}
