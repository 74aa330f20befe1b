/** One ticket: its header, timeline and reply box, and beside them its fields, SLA and requester. */
import { useEffect } from 'preact/hooks';
import { RequesterCard, TicketSla } from '../components/tickets/ticket-about';
import { TicketHeader } from '../components/tickets/ticket-header';
import { TicketProperties } from '../components/tickets/ticket-properties';
import { TicketReplyBox } from '../components/tickets/ticket-reply-box';
import { TicketTimeline } from '../components/tickets/ticket-timeline';
import { useConsole, useLive, useT } from '../state/console-context';

export function TicketRoute({ ticketId }: { ticketId: string }) {
  const live = useLive();
  const { navigation } = useConsole();
  const t = useT();
  useEffect(() => {
    void live.tickets.open(ticketId).catch(() => undefined);
    return () => live.tickets.close();
  }, [live, ticketId]);

  const opened = live.tickets.opened.value;
  const ticket = live.tickets.byId.value.get(ticketId);
  const state = opened?.ticketId === ticketId ? opened.state : 'loading';

  if (!ticket || state === 'failed') {
    return (
      <main class="ticket-view ticket-view--empty" data-testid="ticket-view" aria-busy={state === 'loading'}>
        {state === 'failed' ? (
          <p class="form-error" role="alert">
            {t('ticket.loadFailed')}{' '}
            <button
              type="button"
              class="button button--small"
              onClick={() => navigation.go({ name: 'tickets' })}
            >
              {t('ticket.back')}
            </button>
          </p>
        ) : (
          <p class="tickets__state">{t('app.loading')}</p>
        )}
      </main>
    );
  }

  return (
    <main
      class="ticket-view"
      aria-labelledby="ticket-title"
      data-testid="ticket-view"
      data-ticket-number={ticket.number}
      data-status={ticket.status}
    >
      <TicketHeader ticket={ticket} />
      <div class="ticket-view__body">
        <section class="ticket-view__conversation" aria-label={t('timeline.title')}>
          <div class="ticket-view__timeline">
            {state === 'loading' ? (
              <p class="tickets__state">{t('app.loading')}</p>
            ) : (
              <TicketTimeline ticket={ticket} events={opened?.events ?? []} />
            )}
          </div>
          <TicketReplyBox ticket={ticket} />
        </section>
        <aside class="ticket-side" aria-label={t('ticket.details')}>
          <TicketProperties ticket={ticket} />
          <TicketSla ticket={ticket} />
          <RequesterCard ticket={ticket} />
        </aside>
      </div>
    </main>
  );
}
