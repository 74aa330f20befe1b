import type { Ticket } from '@parley/shared';
import { FakeAgentSocket } from '../test-support/fake-agent-socket';
import { ticket, ticketEvent } from '../test-support/fixtures';
import {
  createTicketsStore,
  LIST_REFRESH_DELAY_MS,
  toServerQuery,
  DEFAULT_TICKET_QUERY,
} from './tickets.store';

const settle = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

function start(found: Ticket[]) {
  const socket = new FakeAgentSocket();
  socket.connected = true;
  const connection = socket.connection();
  socket.handle('ticket:search', () => ({ ok: true, data: { tickets: found, total: found.length } }));
  const store = createTicketsStore((event, payload, timeout) => connection.request(event, payload, timeout));
  return { socket, store };
}

describe('tickets store', () => {
  it('asks for unsolved tickets by default, and sends only the filters that are set', () => {
    expect(toServerQuery(DEFAULT_TICKET_QUERY)).toEqual({
      view: 'all',
      sort: 'updated_desc',
      limit: 50,
      offset: 0,
      status: ['new', 'open', 'pending', 'on_hold'],
    });
    expect(
      toServerQuery({ ...DEFAULT_TICKET_QUERY, status: 'any', tier: 2, tag: ' Refund ', search: ' #1002 ' }),
    ).toEqual({
      view: 'all',
      sort: 'updated_desc',
      limit: 50,
      offset: 0,
      tier: [2],
      tag: 'refund',
      search: '#1002',
    });
  });

  it('loads when first watched, and a changed filter starts again from the first page', async () => {
    const a = ticket();
    const { socket, store } = start([a]);
    const unwatch = store.watchList();
    await settle();
    expect(store.rows.value).toEqual([a]);

    await store.setQuery({ offset: 50 });
    await store.setQuery({ view: 'mine' });
    expect(socket.emitsOf('ticket:search').at(-1)).toMatchObject({ view: 'mine', offset: 0 });
    unwatch();
  });

  it('follows broadcasts: a listed ticket changes in place, an unknown one refetches the list once', async () => {
    jest.useFakeTimers();
    try {
      const a = ticket();
      const { socket, store } = start([a]);
      store.watchList();
      await settle();

      store.receive({ ...a, priority: 'urgent', updatedAt: '2030-01-02T11:00:00.000Z' });
      expect(store.rows.value[0]?.priority).toBe('urgent');
      // An older copy arriving late does not win.
      store.receive({ ...a, priority: 'low', updatedAt: '2030-01-02T10:30:00.000Z' });
      expect(store.rows.value[0]?.priority).toBe('urgent');

      store.receive(ticket());
      store.receive(ticket());
      jest.advanceTimersByTime(LIST_REFRESH_DELAY_MS);
      expect(socket.emitsOf('ticket:search')).toHaveLength(2);
    } finally {
      jest.useRealTimers();
    }
  });

  it('fetches the open ticket’s timeline again when someone else changes it, not for an echo', async () => {
    const a = ticket();
    const { socket, store } = start([a]);
    let version = a;
    socket.handle('ticket:open', () => ({
      ok: true,
      data: { ticket: version, events: [ticketEvent(version)] },
    }));
    socket.handle('ticket:reply', () => {
      version = { ...a, status: 'open', updatedAt: '2030-01-02T10:05:00.000Z' };
      return { ok: true, data: version };
    });

    await store.open(a.id);
    expect(store.opened.value).toMatchObject({ ticketId: a.id, state: 'ready' });
    await store.reply(a.id, { text: 'On its way', internal: false });
    await settle();
    expect(socket.emitsOf('ticket:open')).toHaveLength(2);

    store.receive(version); // the server's broadcast of the same change
    await settle();
    expect(socket.emitsOf('ticket:open')).toHaveLength(2);
    version = { ...version, status: 'solved', updatedAt: '2030-01-02T10:09:00.000Z' };
    store.receive(version);
    await settle();
    expect(socket.emitsOf('ticket:open')).toHaveLength(3);
  });

  it('bulk-updates the selection and clears it', async () => {
    const a = ticket();
    const b = ticket();
    const { socket, store } = start([a, b]);
    socket.handle('ticket:bulk-update', ({ ticketIds, update }) => ({
      ok: true,
      data: [a, b]
        .filter((t) => ticketIds.includes(t.id))
        .map((t) => ({ ...t, ...update, updatedAt: '2030-01-03T00:00:00.000Z' }) as Ticket),
    }));
    await store.refresh();
    store.toggleSelected(a.id);
    store.toggleSelected(b.id);
    store.toggleSelected(b.id);

    await store.bulkUpdate({ status: 'solved' });

    expect(socket.emitsOf('ticket:bulk-update')).toEqual([
      { ticketIds: [a.id], update: { status: 'solved' } },
    ]);
    expect(store.rows.value.map((t) => t.status)).toEqual(['solved', 'new']);
    expect(store.selected.value.size).toBe(0);
  });
});
