/** The visitor's earlier tickets in the visitor details: number, subject and status, each a link. */
import type { Ticket } from '@parley/shared';
import { useConsole, useT } from '../state/console-context';
import { hrefOf } from '../state/navigation.store';
import { statusLabel } from './tickets/ticket-values';

export function VisitorTickets({ tickets }: { tickets: readonly Ticket[] }) {
  const { navigation } = useConsole();
  const t = useT();
  return (
    <section class="visitor-tickets" aria-label={t('visitor.tickets')} data-testid="visitor-tickets">
      <h3 class="visitor-tickets__title">{t('visitor.tickets')}</h3>
      {tickets.length === 0 ? (
        <p class="visitor-details__note">{t('visitor.noTickets')}</p>
      ) : (
        <ul class="visitor-tickets__list">
          {tickets.map((ticket) => {
            const route = { name: 'ticket', ticketId: ticket.id } as const;
            return (
              <li key={ticket.id} class="visitor-tickets__item" data-testid="visitor-ticket">
                <a
                  href={hrefOf(route)}
                  onClick={(event) => {
                    event.preventDefault();
                    navigation.go(route);
                  }}
                >
                  <span class="visitor-tickets__number">#{ticket.number}</span>{' '}
                  <span dir="auto">{ticket.subject}</span>
                </a>{' '}
                <span class={`status-chip status-chip--${ticket.status}`}>
                  {statusLabel(t, ticket.status)}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
