/** The found tickets, one row each, with a checkbox for bulk changes and the clock that matters now. */
import type { Ticket } from '@parley/shared';
import { useConsole, useLive, useT } from '../../state/console-context';
import { hrefOf } from '../../state/navigation.store';
import { formatMessageTime } from '../time-format';
import { nextClock } from './sla';
import { SlaBadge } from './sla-badge';
import { priorityLabel, statusLabel, tierLabel } from './ticket-values';
import { useTeam } from './use-team';

function TicketRow({ ticket }: { ticket: Ticket }) {
  const { translator, navigation } = useConsole();
  const live = useLive();
  const t = translator.t;
  const team = useTeam();
  const selected = live.tickets.selected.value.has(ticket.id);
  const clock = nextClock(ticket, live.clock.now.value);
  const route = { name: 'ticket', ticketId: ticket.id } as const;
  const requester = ticket.requesterName ?? ticket.requesterEmail ?? t('ticket.unknownRequester');
  return (
    <tr
      class={`ticket-row${selected ? ' ticket-row--selected' : ''}`}
      data-testid="ticket-row"
      data-ticket-number={ticket.number}
      data-ticket-id={ticket.id}
      data-status={ticket.status}
    >
      <td class="ticket-row__check">
        <input
          type="checkbox"
          checked={selected}
          aria-label={t('tickets.select', { number: ticket.number })}
          onChange={() => live.tickets.toggleSelected(ticket.id)}
          data-testid="ticket-select"
        />
      </td>
      <td class="ticket-row__number">#{ticket.number}</td>
      <td class="ticket-row__subject">
        <a
          href={hrefOf(route)}
          onClick={(event) => {
            event.preventDefault();
            navigation.go(route);
          }}
          dir="auto"
        >
          {ticket.subject}
        </a>
        <span class="ticket-row__requester" dir="auto">
          {requester}
        </span>
      </td>
      <td>
        <span class={`ticket-status ticket-status--${ticket.status}`}>{statusLabel(t, ticket.status)}</span>
      </td>
      <td>
        <span class={`priority priority--${ticket.priority}`}>{priorityLabel(t, ticket.priority)}</span>
      </td>
      <td>{tierLabel(t, ticket.tier)}</td>
      <td class="ticket-row__assignee">
        {team.agentName(ticket.assigneeAgentId) ?? <span class="muted">{t('ticket.unassigned')}</span>}
      </td>
      <td>{clock && <SlaBadge clock={clock} />}</td>
      <td class="ticket-row__time">
        <time dateTime={ticket.updatedAt}>
          {formatMessageTime(ticket.updatedAt, translator.language.value)}
        </time>
      </td>
    </tr>
  );
}

export function TicketTable() {
  const live = useLive();
  const t = useT();
  const rows = live.tickets.rows.value;
  const selected = live.tickets.selected.value;
  const allSelected = rows.length > 0 && rows.every((ticket) => selected.has(ticket.id));
  return (
    <div class="ticket-table__scroller">
      <table class="ticket-table" aria-label={t('tickets.title')} data-testid="ticket-table">
        <thead>
          <tr>
            <th scope="col" class="ticket-row__check">
              <input
                type="checkbox"
                id="ticket-select-all"
                checked={allSelected}
                disabled={rows.length === 0}
                aria-label={t('tickets.selectAll')}
                onChange={() => live.tickets.setSelection(allSelected ? [] : rows.map((ticket) => ticket.id))}
                data-testid="ticket-select-all"
              />
            </th>
            <th scope="col">#</th>
            <th scope="col">{t('ticket.subject')}</th>
            <th scope="col">{t('ticket.statusLabel')}</th>
            <th scope="col">{t('ticket.priorityLabel')}</th>
            <th scope="col">{t('ticket.tierLabel')}</th>
            <th scope="col">{t('ticket.assignee')}</th>
            <th scope="col">{t('sla.title')}</th>
            <th scope="col">{t('tickets.updated')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((ticket) => (
            <TicketRow key={ticket.id} ticket={ticket} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
