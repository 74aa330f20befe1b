import type { Agent } from '@parley/shared';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { AGENT, ticket } from '../test-support/fixtures';
import { renderSignedIn } from '../test-support/render-console';
import { serveTickets } from '../test-support/ticket-server';

beforeEach(() => window.localStorage.clear());

const BOB: Agent = { ...AGENT, id: 'agent-bob-00001', name: 'Bob', email: 'bob@example.com' };

async function openTickets(seed = [ticket(), ticket()]) {
  const rendered = await renderSignedIn();
  const server = serveTickets(rendered.socket, seed);
  rendered.socket.serverEmit('agent:updated', BOB);
  fireEvent.click(screen.getByTestId('tickets-nav'));
  await waitFor(() => expect(screen.getAllByTestId('ticket-row')).toHaveLength(seed.length));
  return { ...rendered, server };
}

const numbers = () =>
  screen.queryAllByTestId('ticket-row').map((row) => row.getAttribute('data-ticket-number'));

describe('tickets', () => {
  it('lists unsolved tickets beside the chats, and changes view, filter and search', async () => {
    const late = ticket({ subject: 'Parcel late', assigneeAgentId: AGENT.id });
    const { socket } = await openTickets([late, ticket({ subject: 'Wrong size' })]);
    socket.handle('agent:list', () => ({ ok: true, data: [AGENT, BOB] }));

    expect(screen.getByTestId('tickets-nav')).toHaveAttribute('aria-current', 'page');
    expect(window.location.hash).toBe('#/tickets');
    expect(socket.emitsOf('ticket:search')[0]).toMatchObject({
      view: 'all',
      status: ['new', 'open', 'pending', 'on_hold'],
    });
    expect(
      within(screen.getAllByTestId('ticket-row')[0] as HTMLElement).getByText('Parcel late'),
    ).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Mine' }));
    await waitFor(() => expect(numbers()).toEqual([String(late.number)]));

    fireEvent.click(screen.getByRole('button', { name: 'All' }));
    const filters = within(screen.getByRole('search', { name: 'Filter tickets' }));
    fireEvent.change(filters.getByRole('combobox', { name: 'Status' }), { target: { value: 'solved' } });
    await waitFor(() => expect(socket.emitsOf('ticket:search').at(-1)).toMatchObject({ status: ['solved'] }));

    fireEvent.change(filters.getByRole('combobox', { name: 'Status' }), { target: { value: 'any' } });
    fireEvent.input(filters.getByRole('searchbox', { name: 'Search' }), { target: { value: 'size' } });
    await waitFor(() => expect(socket.emitsOf('ticket:search').at(-1)).toMatchObject({ search: 'size' }));
    expect(socket.emitsOf('ticket:search').at(-1)).not.toHaveProperty('status');
    await waitFor(() => expect(screen.getAllByTestId('ticket-row')).toHaveLength(1));
  });

  it('changes the status and assignee of several tickets at once', async () => {
    const a = ticket();
    const b = ticket();
    const c = ticket();
    const { socket } = await openTickets([a, b, c]);

    fireEvent.click(screen.getByRole('checkbox', { name: `Select ticket #${a.number}` }));
    fireEvent.click(screen.getByRole('checkbox', { name: `Select ticket #${c.number}` }));
    const bar = screen.getByTestId('bulk-bar');
    expect(within(bar).getByTestId('bulk-count')).toHaveTextContent('Selected: 2');
    fireEvent.change(within(bar).getByRole('combobox', { name: 'Status' }), { target: { value: 'pending' } });
    fireEvent.change(within(bar).getByRole('combobox', { name: 'Assignee' }), { target: { value: BOB.id } });
    fireEvent.click(within(bar).getByRole('button', { name: 'Apply' }));

    await waitFor(() => expect(screen.queryByTestId('bulk-bar')).toBeNull());
    expect(socket.emitsOf('ticket:bulk-update')).toEqual([
      { ticketIds: [a.id, c.id], update: { status: 'pending', assigneeAgentId: BOB.id } },
    ]);
    const statuses = screen.getAllByTestId('ticket-row').map((row) => row.getAttribute('data-status'));
    expect(statuses).toEqual(['pending', 'new', 'pending']);
    expect(screen.getAllByText('Bob')).not.toHaveLength(0);
  });

  it('after Apply or Clear selection, focus stays on the select-all box and the result is announced', async () => {
    const a = ticket();
    const b = ticket();
    await openTickets([a, b]);
    const selectAll = screen.getByRole('checkbox', { name: 'Select all tickets on this page' });
    const status = within(screen.getByTestId('tickets-page')).getByRole('status');
    expect(status).toHaveTextContent(/^$/);

    fireEvent.click(screen.getByRole('checkbox', { name: `Select ticket #${a.number}` }));
    const clear = within(screen.getByTestId('bulk-bar')).getByRole('button', { name: 'Clear selection' });
    clear.focus();
    fireEvent.click(clear);
    await waitFor(() => expect(screen.queryByTestId('bulk-bar')).toBeNull());
    expect(selectAll).toHaveFocus();

    fireEvent.click(screen.getByRole('checkbox', { name: `Select ticket #${b.number}` }));
    let bar = within(screen.getByTestId('bulk-bar'));
    fireEvent.change(bar.getByRole('combobox', { name: 'Priority' }), { target: { value: 'urgent' } });
    bar.getByRole('button', { name: 'Apply' }).focus();
    fireEvent.click(bar.getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(screen.queryByTestId('bulk-bar')).toBeNull());
    expect(selectAll).toHaveFocus();
    expect(status).toHaveTextContent('1 ticket updated');

    fireEvent.click(selectAll);
    bar = within(screen.getByTestId('bulk-bar'));
    expect(status).toHaveTextContent(/^$/);
    fireEvent.change(bar.getByRole('combobox', { name: 'Priority' }), { target: { value: 'low' } });
    fireEvent.click(bar.getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(status).toHaveTextContent('2 tickets updated'));
    expect(selectAll).toHaveFocus();
  });

  it('shows the clock that matters, breached in red, and follows changes pushed by the server', async () => {
    const overdue = ticket({
      firstResponseDueAt: '2020-01-01T10:00:00.000Z',
      resolutionDueAt: '2020-01-02T10:00:00.000Z',
    });
    const answered = ticket({ firstRespondedAt: '2030-01-02T10:05:00.000Z' });
    const { server } = await openTickets([overdue, answered]);

    const [first, second] = screen.getAllByTestId('ticket-row') as [HTMLElement, HTMLElement];
    expect(within(first).getByTestId('sla-badge')).toHaveAttribute('data-sla', 'breached');
    expect(within(first).getByTestId('sla-badge')).toHaveTextContent(/^First response: Breached .+ ago$/);
    expect(within(second).getByTestId('sla-badge')).toHaveAttribute('data-clock', 'resolution');

    act(() => void server.change(overdue.id, { status: 'open', priority: 'urgent' }));
    expect(first).toHaveAttribute('data-status', 'open');
    expect(within(first).getByText('Urgent')).toBeInTheDocument();
  });

  it('shows a pending ticket’s clock as paused, not breached, with why on hover', async () => {
    const waiting = ticket({
      status: 'pending', pendingSince: '2020-01-01T09:00:00.000Z', firstRespondedAt: '2020-01-01T09:00:00.000Z',
      resolutionDueAt: '2020-01-01T11:30:00.000Z',
    });
    const { server } = await openTickets([waiting]);
    const badge = within(screen.getByTestId('ticket-row')).getByTestId('sla-badge');
    expect(badge).toHaveAttribute('data-sla', 'paused');
    expect(badge).toHaveTextContent(/^Resolution: Paused, 2h 30m left$/);
    expect(badge).toHaveAttribute('title', "Stopped while the ticket waits on the requester's answer");

    // Back to open, its due date already moved by the server past now: it runs again.
    act(() => void server.change(waiting.id, { status: 'open', pendingSince: null, resolutionDueAt: '2099-01-01T00:00:00.000Z' }));
    expect(within(screen.getByTestId('ticket-row')).getByTestId('sla-badge')).toHaveAttribute('data-sla', 'running');
  });

  it('shows a new ticket that arrives while the list is open', async () => {
    const { socket, server } = await openTickets([ticket()]);
    const fresh = ticket({ subject: 'Brand new' });
    server.tickets.set(fresh.id, fresh);
    act(() => socket.serverEmit('ticket:updated', fresh));
    await waitFor(() => expect(screen.getByText('Brand new')).toBeInTheDocument());
  });
});
