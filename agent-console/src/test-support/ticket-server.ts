/** Plays the server's ticket events on a fake socket, over an in-memory list (just enough filtering for tests). */
import type { MessageAttachment, Ticket, TicketEvent, TicketUpdate } from '@parley/shared';
import type { FakeAgentSocket } from './fake-agent-socket';
import { AGENT, ticketEvent } from './fixtures';

export interface TicketServer {
  tickets: Map<string, Ticket>;
  events: Map<string, TicketEvent[]>;
  /** Files uploaded into the tickets, by id (a test puts them here): a reply's ids must be among them. */
  files: Map<string, MessageAttachment>;
  /** Someone else changed a ticket: stored and broadcast. */
  change(ticketId: string, update: Partial<Ticket>, event?: Partial<TicketEvent>): Ticket;
}

let clock = Date.parse('2030-01-02T12:00:00.000Z');
const tick = () => new Date((clock += 1000)).toISOString();

export function serveTickets(
  socket: FakeAgentSocket,
  seed: Ticket[],
  timeline: TicketEvent[] = [],
): TicketServer {
  const tickets = new Map(seed.map((t) => [t.id, t]));
  const files = new Map<string, MessageAttachment>();
  const events = new Map<string, TicketEvent[]>();
  for (const t of seed)
    events.set(
      t.id,
      timeline.filter((e) => e.ticketId === t.id),
    );

  function append(ticket: Ticket, event: Partial<TicketEvent>) {
    const list = events.get(ticket.id) ?? [];
    list.push(ticketEvent(ticket, { seq: list.length + 1, createdAt: ticket.updatedAt, ...event }));
    events.set(ticket.id, list);
  }

  function apply(ticketId: string, update: TicketUpdate | Partial<Ticket>): Ticket {
    const known = tickets.get(ticketId);
    if (!known) throw new Error(`no ticket ${ticketId}`);
    const next = { ...known, ...update, updatedAt: tick() } as Ticket;
    tickets.set(ticketId, next);
    return next;
  }

  const changes = (before: Ticket, update: TicketUpdate) =>
    Object.entries(update).map(([field, to]) => ({
      field,
      from: (before[field as keyof Ticket] as string | number | null) ?? null,
      to: (to as string | number | null) ?? null,
    }));

  socket.handle('ticket:search', (query) => {
    const found = [...tickets.values()].filter(
      (t) =>
        (!query.status || query.status.includes(t.status)) &&
        (query.view !== 'mine' || t.assigneeAgentId === AGENT.id) &&
        (!query.search || t.subject.toLowerCase().includes(query.search.toLowerCase())),
    );
    return { ok: true, data: { tickets: found, total: found.length } };
  });
  socket.handle('ticket:open', ({ ticketId }) => {
    const ticket = tickets.get(ticketId);
    if (!ticket) return { ok: false, error: { code: 'NOT_FOUND', message: 'no such ticket' } };
    return { ok: true, data: { ticket, events: [...(events.get(ticketId) ?? [])] } };
  });
  socket.handle('ticket:update', ({ ticketId, update }) => {
    const before = tickets.get(ticketId);
    if (!before) return { ok: false, error: { code: 'NOT_FOUND', message: 'no such ticket' } };
    const after = apply(ticketId, update);
    append(after, {
      kind: 'change',
      authorKind: 'agent',
      authorId: AGENT.id,
      authorName: AGENT.name,
      text: null,
      changes: changes(before, update),
    });
    return { ok: true, data: after };
  });
  socket.handle('ticket:bulk-update', ({ ticketIds, update }) => ({
    ok: true,
    data: ticketIds.map((id) => apply(id, update)),
  }));
  socket.handle('ticket:reply', ({ ticketId, reply }) => {
    const sent = (reply.attachments ?? []).map((id) => files.get(id));
    if (sent.some((file) => !file)) {
      return { ok: false, error: { code: 'VALIDATION_FAILED', message: 'attachments: no such file in this ticket' } };
    }
    const after = apply(ticketId, reply.status ? { status: reply.status } : {});
    append(after, {
      kind: reply.internal ? 'note' : 'reply',
      authorKind: 'agent',
      authorId: AGENT.id,
      authorName: AGENT.name,
      text: reply.text,
      changes: [],
      attachments: sent.filter((file) => file !== undefined),
    });
    return { ok: true, data: after };
  });

  return {
    tickets,
    events,
    files,
    change(ticketId, update, event) {
      const after = apply(ticketId, update);
      if (event) append(after, event);
      socket.serverEmit('ticket:updated', after);
      return after;
    },
  };
}
