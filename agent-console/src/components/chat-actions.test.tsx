import type { Agent } from '@parley/shared';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { fakeAdminClient } from '../test-support/fake-admin-client';
import { AGENT, conversation, ticket } from '../test-support/fixtures';
import { openFirstChat } from '../test-support/open-chat';
import { renderSignedIn } from '../test-support/render-console';

beforeEach(() => window.localStorage.clear());

const BOB: Agent = { ...AGENT, id: 'agent-bob-00001', name: 'Bob', email: 'bob@example.com' };

describe('chat actions', () => {
  it('transfers a chat to an online colleague', async () => {
    const mine = conversation({ status: 'assigned', assignedAgentId: AGENT.id });
    const { socket, panel } = await openFirstChat({ conversations: [mine] });
    socket.serverEmit('agent:updated', BOB);
    socket.handle('conversation:transfer', (request) => ({
      ok: true,
      data: { ...mine, assignedAgentId: request.toAgentId ?? null },
    }));

    const menu = await within(panel).findByRole('combobox', { name: 'Transfer to…' });
    fireEvent.change(menu, { target: { value: BOB.id } });

    await waitFor(() =>
      expect(socket.emitsOf('conversation:transfer')).toEqual([
        { conversationId: mine.id, toAgentId: BOB.id },
      ]),
    );
    await waitFor(() =>
      expect(within(panel).getByRole('textbox', { name: 'Type your reply' })).toBeDisabled(),
    );
  });

  it("transfers a chat back to a department's queue", async () => {
    const mine = conversation({ status: 'assigned', assignedAgentId: AGENT.id });
    const billing = { id: 'dept-billing-0001', siteId: AGENT.siteId, name: 'Billing' };
    const admin = fakeAdminClient({ departments: [billing] });
    const { socket, panel } = await openFirstChat({ conversations: [mine], admin });
    socket.handle('conversation:transfer', () => ({
      ok: true,
      data: { ...mine, status: 'queued' as const, assignedAgentId: null, departmentId: billing.id },
    }));

    // No colleague is online: the menu still offers the department.
    const menu = await within(panel).findByRole('combobox', { name: 'Transfer to…' });
    const option = await within(menu).findByRole('option', { name: 'Billing' });
    expect(option.closest('optgroup')?.label).toBe("A department's queue");
    fireEvent.change(menu, { target: { value: (option as HTMLOptionElement).value } });

    await waitFor(() =>
      expect(socket.emitsOf('conversation:transfer')).toEqual([
        { conversationId: mine.id, toDepartmentId: billing.id },
      ]),
    );
  });

  it('names departments as an admin elsewhere adds, renames or deletes them, without a reload', async () => {
    const mine = conversation({ status: 'assigned', assignedAgentId: AGENT.id });
    const billing = { id: 'dept-billing-0001', siteId: AGENT.siteId, name: 'Billing' };
    const { socket, panel } = await openFirstChat({ conversations: [mine], admin: fakeAdminClient({ departments: [billing] }) });
    const menu = await within(panel).findByRole('combobox', { name: 'Transfer to…' });
    await within(menu).findByRole('option', { name: 'Billing' });

    act(() => socket.serverEmit('department:saved', { ...billing, name: 'Payments' }));
    act(() => socket.serverEmit('department:saved', { id: 'dept-sales-00001', siteId: AGENT.siteId, name: 'Sales' }));
    expect(within(menu).queryByRole('option', { name: 'Billing' })).toBeNull();
    expect(within(menu).getByRole('option', { name: 'Payments' })).toBeInTheDocument();
    expect(within(menu).getByRole('option', { name: 'Sales' })).toBeInTheDocument();

    act(() => socket.serverEmit('department:deleted', { id: billing.id }));
    expect(within(menu).queryByRole('option', { name: 'Payments' })).toBeNull();
  });

  it('invites a colleague and shows why when the server refuses', async () => {
    const mine = conversation({ status: 'assigned', assignedAgentId: AGENT.id });
    const { socket, panel } = await openFirstChat({ conversations: [mine] });
    socket.serverEmit('agent:updated', BOB);
    socket.handle('conversation:invite', () => ({
      ok: false,
      error: { code: 'AGENT_NOT_FOUND', message: 'no' },
    }));

    fireEvent.change(await within(panel).findByRole('combobox', { name: 'Invite…' }), {
      target: { value: BOB.id },
    });

    expect(await within(panel).findByRole('alert')).toHaveTextContent('This agent does not exist.');
    expect(socket.emitsOf('conversation:invite')).toEqual([{ conversationId: mine.id, agentId: BOB.id }]);
  });

  it('shows the visitor’s rating of a resolved chat, and reopens it', async () => {
    const done = conversation({
      status: 'resolved',
      assignedAgentId: AGENT.id,
      rating: 4,
      ratingComment: 'Quick and kind',
    });
    // Resolved chats are not listed; one stays open in its tab after resolving.
    const { socket, app } = await renderSignedIn({ conversations: [done] });
    await act(() => app.live.value?.openConversation(done.id));
    const panel = await screen.findByTestId('chat-panel');
    socket.handle('conversation:reopen', () => ({
      ok: true,
      data: { ...done, status: 'queued' as const, assignedAgentId: null },
    }));

    expect(within(panel).getByTestId('chat-rating')).toHaveTextContent(
      'Visitor’s rating: 4 of 5Quick and kind',
    );
    fireEvent.click(within(panel).getByRole('button', { name: 'Reopen' }));

    await waitFor(() => expect(panel).toHaveAttribute('data-status', 'queued'));
    expect(within(panel).getByRole('button', { name: 'Claim' })).toBeInTheDocument();
  });

  it('keeps focus on the button after Resolve, now offering Reopen, and back after Reopen', async () => {
    const mine = conversation({ status: 'assigned', assignedAgentId: AGENT.id });
    const { socket, panel } = await openFirstChat({ conversations: [mine] });
    socket.handle('conversation:resolve', () => ({ ok: true, data: { ...mine, status: 'resolved' as const } }));
    socket.handle('conversation:reopen', () => ({
      ok: true,
      data: { ...mine, status: 'queued' as const, assignedAgentId: null },
    }));

    const resolve = within(panel).getByRole('button', { name: 'Resolve' });
    resolve.focus();
    fireEvent.click(resolve);

    const reopen = await within(panel).findByRole('button', { name: 'Reopen' });
    await waitFor(() => expect(reopen).not.toBeDisabled());
    expect(document.activeElement).toBe(reopen);

    fireEvent.click(reopen);
    await waitFor(() => expect(panel).toHaveAttribute('data-status', 'queued'));
    const again = within(panel).getByRole('button', { name: 'Resolve' });
    await waitFor(() => expect(again).not.toBeDisabled());
    expect(document.activeElement).toBe(again);
  });

  it('escalates a chat to a tier 2 ticket with a note, then offers the ticket', async () => {
    const mine = conversation({ status: 'assigned', assignedAgentId: AGENT.id, visitorName: 'Maria' });
    const { socket, panel } = await openFirstChat({ conversations: [mine] });
    const created = ticket({ conversationId: mine.id, tier: 3, priority: 'high', number: 1042 });
    socket.handle('conversation:escalate', () => ({ ok: true, data: created }));

    fireEvent.click(within(panel).getByRole('button', { name: 'Escalate to ticket' }));
    const dialog = await screen.findByRole('dialog', { name: 'Escalate to a ticket' });
    fireEvent.change(within(dialog).getByRole('combobox', { name: 'Tier' }), { target: { value: '3' } });
    fireEvent.change(within(dialog).getByRole('combobox', { name: 'Priority' }), {
      target: { value: 'high' },
    });
    fireEvent.input(within(dialog).getByRole('textbox', { name: 'Note for the next tier' }), {
      target: { value: 'Needs a refund decision' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create ticket' }));

    expect(await within(panel).findByTestId('chat-notice')).toHaveTextContent(
      'Ticket #1042 created; the visitor gets the replies at maria@example.com.',
    );
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(socket.emitsOf('conversation:escalate')).toEqual([
      { conversationId: mine.id, tier: 3, priority: 'high', note: 'Needs a refund decision' },
    ]);
    // The server resolves the chat and links the ticket.
    act(() =>
      socket.serverEmit('conversation:updated', { ...mine, status: 'resolved', ticketId: created.id }),
    );
    fireEvent.click(within(panel).getByRole('button', { name: 'Ticket #1042' }));
    expect(window.location.hash).toBe(`#/tickets/${created.id}`);
  });

  it('closes the escalation dialog with Escape and creates nothing', async () => {
    const mine = conversation({ status: 'assigned', assignedAgentId: AGENT.id });
    const { socket, panel } = await openFirstChat({ conversations: [mine] });
    fireEvent.click(within(panel).getByRole('button', { name: 'Escalate to ticket' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByRole('combobox', { name: 'Tier' })).toHaveFocus();
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(socket.emitsOf('conversation:escalate')).toEqual([]);
  });
  it("offers a plain agent neither Resolve nor Escalate on a colleague's chat, which the server would refuse", async () => {
    const bobs = conversation({ status: 'assigned', assignedAgentId: BOB.id });
    const { panel } = await openFirstChat({ conversations: [bobs] });

    expect(panel).toHaveTextContent('Another agent is handling this conversation.');
    expect(within(panel).queryByRole('button', { name: 'Resolve' })).toBeNull();
    expect(within(panel).queryByRole('button', { name: 'Escalate to ticket' })).toBeNull();
    expect(within(panel).queryByRole('combobox', { name: 'Transfer to…' })).toBeNull();
  });

  it("answers Alt+R and Alt+E on a colleague's chat with why, sending nothing", async () => {
    const bobs = conversation({ status: 'assigned', assignedAgentId: BOB.id });
    const { socket, panel } = await openFirstChat({ conversations: [bobs] });

    fireEvent.keyDown(document.body, { altKey: true, code: 'KeyR', key: 'r' });
    expect(await within(panel).findByRole('alert')).toHaveTextContent('You are not allowed to do that.');
    fireEvent.keyDown(document.body, { altKey: true, code: 'KeyE', key: 'e' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(socket.emitsOf('conversation:resolve')).toEqual([]);
  });

  it("offers Resolve and Escalate on a colleague's chat to an admin", async () => {
    const admin: Agent = { ...AGENT, role: 'admin' };
    const bobs = conversation({ status: 'assigned', assignedAgentId: BOB.id });
    const { panel } = await openFirstChat({ conversations: [bobs], agent: admin });
    expect(within(panel).getByRole('button', { name: 'Resolve' })).toBeInTheDocument();
    expect(within(panel).getByRole('button', { name: 'Escalate to ticket' })).toBeInTheDocument();
  });

  it('offers Resolve and Escalate to an agent invited to help in the chat', async () => {
    const helping = conversation({ status: 'assigned', assignedAgentId: BOB.id, participantAgentIds: [AGENT.id] });
    const { panel } = await openFirstChat({ conversations: [helping] });
    expect(within(panel).getByRole('button', { name: 'Resolve' })).toBeInTheDocument();
    expect(within(panel).getByRole('button', { name: 'Escalate to ticket' })).toBeInTheDocument();
  });
});
