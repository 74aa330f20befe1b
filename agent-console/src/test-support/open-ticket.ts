/** Renders a signed-in console, serves the given ticket and opens it (as a link to it would); returns its view. */
import type { Ticket, TicketEvent } from '@parley/shared';
import { act, screen, within } from '@testing-library/preact';
import { renderSignedIn } from './render-console';
import { serveTickets } from './ticket-server';

export async function openTicket(subject: Ticket, timeline: TicketEvent[] = []) {
  const rendered = await renderSignedIn();
  const server = serveTickets(rendered.socket, [subject], timeline);
  act(() => rendered.app.navigation.go({ name: 'ticket', ticketId: subject.id }));
  const view = await screen.findByTestId('ticket-view');
  await within(view).findByTestId('ticket-timeline');
  return { ...rendered, server, view };
}
