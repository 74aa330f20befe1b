import type { Agent } from '@parley/shared';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { AGENT, conversation } from '../test-support/fixtures';
import { renderSignedIn } from '../test-support/render-console';

beforeEach(() => window.localStorage.clear());

const BOB: Agent = { ...AGENT, id: 'agent-bob-00001', name: 'Bob', email: 'bob@example.com' };
const press = (init: KeyboardEventInit, target: Element = document.body) => fireEvent.keyDown(target, init);
const activePanel = () => screen.getByTestId('chat-panel');

describe('workspace keyboard shortcuts', () => {
  it('Alt+↓ and Alt+↑ walk through the chats in the order of the list', async () => {
    const waiting = conversation({ visitorName: 'Wanda' });
    const a = conversation({
      visitorName: 'Anna',
      status: 'assigned',
      assignedAgentId: AGENT.id,
      updatedAt: '2030-01-02T10:05:00.000Z',
    });
    const b = conversation({ visitorName: 'Boris', status: 'assigned', assignedAgentId: AGENT.id });
    await renderSignedIn({ conversations: [waiting, a, b] });
    await screen.findAllByTestId('mine-item');

    press({ altKey: true, code: 'ArrowDown', key: 'ArrowDown' });
    await waitFor(() => expect(screen.getByTestId('chat-title')).toHaveTextContent('Wanda'));
    press({ altKey: true, code: 'ArrowDown', key: 'ArrowDown' });
    await waitFor(() => expect(screen.getByTestId('chat-title')).toHaveTextContent('Anna'));
    // Also from inside the reply box, where agents spend their time.
    press(
      { altKey: true, code: 'ArrowDown', key: 'ArrowDown' },
      within(activePanel()).getByRole('textbox', { name: 'Type your reply' }),
    );
    await waitFor(() => expect(screen.getByTestId('chat-title')).toHaveTextContent('Boris'));
    press({ altKey: true, code: 'ArrowUp', key: 'ArrowUp' });
    await waitFor(() => expect(screen.getByTestId('chat-title')).toHaveTextContent('Anna'));
  });

  it('Alt+R resolves the open chat, Alt+T opens its transfer menu', async () => {
    const mine = conversation({ status: 'assigned', assignedAgentId: AGENT.id });
    const { socket, app } = await renderSignedIn({ conversations: [mine] });
    await act(() => app.live.value?.openConversation(mine.id));
    socket.serverEmit('agent:updated', BOB);
    socket.handle('conversation:resolve', () => ({
      ok: true,
      data: { ...mine, status: 'resolved' as const },
    }));

    press({ altKey: true, code: 'KeyT', key: '†' });
    await waitFor(() => expect(within(activePanel()).getByTestId('transfer-select')).toHaveFocus());

    press({ altKey: true, code: 'KeyR', key: '®' });
    await waitFor(() => expect(activePanel()).toHaveAttribute('data-status', 'resolved'));
    expect(socket.emitsOf('conversation:resolve')).toEqual([{ conversationId: mine.id }]);

    press({ altKey: true, code: 'KeyR', key: 'r' });
    expect(await within(activePanel()).findByTestId('chat-notice')).toHaveTextContent('already resolved');
    expect(socket.emitsOf('conversation:resolve')).toHaveLength(1);
  });

  it('Alt+↓ takes focus along: from the reply box into the next chat\'s, from the list to its next item', async () => {
    const anna = conversation({ visitorName: 'Anna', status: 'assigned', assignedAgentId: AGENT.id });
    const boris = conversation({ visitorName: 'Boris', status: 'assigned', assignedAgentId: AGENT.id });
    const { app } = await renderSignedIn({ conversations: [anna, boris] });
    const [first, second] = await screen.findAllByTestId('mine-item');
    await act(() => app.live.value?.openConversation(anna.id));
    const reply = () => within(activePanel()).getByRole('textbox', { name: 'Type your reply' });

    reply().focus();
    press({ altKey: true, code: 'ArrowDown', key: 'ArrowDown' }, reply());
    await waitFor(() => expect(screen.getByTestId('chat-title')).toHaveTextContent('Boris'));
    await waitFor(() => expect(reply()).toHaveFocus());

    second?.focus();
    press({ altKey: true, code: 'ArrowUp', key: 'ArrowUp' }, second);
    await waitFor(() => expect(screen.getByTestId('chat-title')).toHaveTextContent('Anna'));
    expect(first).toHaveFocus();
    expect(first).toHaveAttribute('aria-current', 'true');
  });

  it('Alt+R from the reply box leaves focus where the Resolve button does: on "Reopen"', async () => {
    const mine = conversation({ status: 'assigned', assignedAgentId: AGENT.id });
    const { socket, app } = await renderSignedIn({ conversations: [mine] });
    await act(() => app.live.value?.openConversation(mine.id));
    socket.handle('conversation:resolve', () => ({ ok: true, data: { ...mine, status: 'resolved' as const } }));
    const reply = within(activePanel()).getByRole('textbox', { name: 'Type your reply' });

    reply.focus();
    press({ altKey: true, code: 'KeyR', key: '®' }, reply);
    await waitFor(() => expect(within(activePanel()).getByRole('button', { name: 'Reopen' })).toHaveFocus());
  });

  it('"?" shows the shortcuts, Escape hides them; Alt+2 goes to the tickets', async () => {
    const { socket } = await renderSignedIn();
    socket.handle('ticket:search', () => ({ ok: true, data: { tickets: [], total: 0 } }));

    press({ key: '?', code: 'Slash', shiftKey: true });
    const help = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(within(help).getByText('Resolve the open chat')).toBeInTheDocument();
    fireEvent.keyDown(help, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();

    press({ altKey: true, code: 'Digit2', key: '2' });
    expect(await screen.findByTestId('tickets-page')).toBeInTheDocument();
    expect(screen.queryByTestId('conversation-list')).toBeNull();
  });
});
