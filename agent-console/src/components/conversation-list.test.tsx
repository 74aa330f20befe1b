import type { Conversation } from '@parley/shared';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { AGENT, conversation, visitorMessage } from '../test-support/fixtures';
import { renderSignedIn } from '../test-support/render-console';
import { formatMessageTime } from './time-format';

beforeEach(() => window.localStorage.clear());

describe('conversation list', () => {
  it('shows a new waiting visitor as soon as the server announces it, without a reload', async () => {
    const { socket } = await renderSignedIn();
    expect(await screen.findByText('No one is waiting.')).toBeInTheDocument();
    expect(screen.queryAllByTestId('queue-item')).toHaveLength(0);

    const waiting = conversation({ visitorId: 'k3xQ9zVisitor', lastSeq: 1 });
    act(() => socket.serverEmit('conversation:updated', waiting));

    const item = await screen.findByTestId('queue-item');
    expect(item).toHaveTextContent('Visitor k3xQ9z');
    expect(item).toHaveAttribute('data-conversation-id', waiting.id);
    expect(within(item).getByTestId('unread-count')).toHaveTextContent('1');
    expect(screen.getByTestId('queue-count')).toHaveTextContent('1');
  });

  it('counts unread messages per conversation and clears them when the chat is opened', async () => {
    const first = conversation({ visitorName: 'Maria', lastSeq: 0 });
    const second = conversation({ visitorName: 'Li Wei', lastSeq: 0 });
    const { socket } = await renderSignedIn({ conversations: [first, second] });
    await screen.findAllByTestId('queue-item');

    act(() => {
      socket.serverEmit('message:new', visitorMessage(first, { seq: 1 }));
      socket.serverEmit('message:new', visitorMessage(first, { seq: 2 }));
      socket.serverEmit('message:new', visitorMessage(second, { seq: 1 }));
    });

    const items = () => screen.getAllByTestId('queue-item');
    const maria = () => items().find((el) => el.textContent?.includes('Maria'));
    const li = () => items().find((el) => el.textContent?.includes('Li Wei'));
    await waitFor(() =>
      expect(within(maria() as HTMLElement).getByTestId('unread-count')).toHaveTextContent('2'),
    );
    expect(within(li() as HTMLElement).getByTestId('unread-count')).toHaveTextContent('1');

    fireEvent.click(maria() as HTMLElement);

    await screen.findByTestId('chat-panel');
    await waitFor(() => expect(within(maria() as HTMLElement).queryByTestId('unread-count')).toBeNull());
    expect(within(li() as HTMLElement).getByTestId('unread-count')).toHaveTextContent('1');
  });

  it('moves a conversation from Waiting to My chats when it is assigned to me, and drops it when resolved', async () => {
    const waiting = conversation({ visitorName: 'Maria' });
    const { socket } = await renderSignedIn({ conversations: [waiting] });
    await screen.findByTestId('queue-item');

    act(() =>
      socket.serverEmit('conversation:updated', {
        ...waiting,
        status: 'assigned',
        assignedAgentId: AGENT.id,
      }),
    );
    expect(await screen.findByTestId('mine-item')).toHaveTextContent('Maria');
    expect(screen.queryByTestId('queue-item')).toBeNull();

    act(() =>
      socket.serverEmit('conversation:updated', {
        ...waiting,
        status: 'resolved',
        assignedAgentId: AGENT.id,
      }),
    );
    await waitFor(() => expect(screen.queryByTestId('mine-item')).toBeNull());
  });

  it('says “Awaiting your reply” on the chats I must answer, not on those I was invited to help in', async () => {
    const since = '2030-01-02T09:00:00.000Z';
    const assignedToMe = conversation({ status: 'assigned', assignedAgentId: AGENT.id, visitorName: 'Maria', awaitingAgentSince: since });
    const helpingBob = conversation({
      status: 'assigned', assignedAgentId: 'agent-bob-00001', participantAgentIds: [AGENT.id], visitorName: 'Otto', awaitingAgentSince: since,
    });
    await renderSignedIn({ conversations: [assignedToMe, helpingBob] });
    const alertOf = (name: string) => {
      const item = screen.getAllByTestId('mine-item').find((el) => el.textContent?.includes(name));
      return within(item as HTMLElement).queryByTestId('awaiting-reply');
    };
    await waitFor(() => expect(screen.getAllByTestId('mine-item')).toHaveLength(2));
    expect(alertOf('Maria')).toHaveTextContent('Awaiting your reply');
    expect(alertOf('Otto')).toBeNull();
  });

  it('shows and orders my chats by their last message, unmoved when I go offline and come back', async () => {
    const mine = { status: 'assigned', assignedAgentId: AGENT.id } as const;
    const earlier = '2030-01-02T09:00:00.000Z';
    const later = '2030-01-02T09:30:00.000Z';
    const maria = conversation({ ...mine, visitorName: 'Maria', lastSeq: 2, lastMessageAt: earlier, updatedAt: earlier });
    const otto = conversation({ ...mine, visitorName: 'Otto', lastSeq: 3, lastMessageAt: later, updatedAt: later });
    const { socket } = await renderSignedIn({ conversations: [maria, otto] });
    const shown = () =>
      screen.getAllByTestId('mine-item').map((item) => [
        within(item).getByTestId('conversation-name').textContent,
        item.querySelector('.conversation-item__meta')?.textContent,
      ]);
    const before = [['Otto', formatMessageTime(later, 'en')], ['Maria', formatMessageTime(earlier, 'en')]];
    await waitFor(() => expect(shown()).toEqual(before));

    // Away past the grace period: the server requeued both chats, and on the agent's return assigned
    // them again, Maria's last (queue order); each of those moved the chat's updatedAt.
    const reassigned = (chat: typeof maria, at: string) => ({ ...chat, updatedAt: at, assignedAt: at, awaitingAgentSince: at });
    const back = [reassigned(otto, '2030-01-02T10:04:00.000Z'), reassigned(maria, '2030-01-02T10:05:00.000Z')];
    act(() => socket.setConnected(false));
    socket.handle('conversation:list', () => ({ ok: true, data: back }));
    act(() => socket.setConnected(true));
    await waitFor(() => expect(socket.emitsOf('conversation:list')).toHaveLength(2));
    await waitFor(() => expect(shown()).toEqual(before));
    act(() => back.forEach((chat) => socket.serverEmit('conversation:updated', chat)));
    expect(shown()).toEqual(before);

    // A new message is what moves a chat up, and its time is what it shows.
    const reply = '2030-01-02T10:10:00.000Z';
    act(() => socket.serverEmit('message:new', visitorMessage(maria, { seq: 3, createdAt: reply })));
    await waitFor(() => expect(shown()).toEqual([['Maria', formatMessageTime(reply, 'en')], before[0]]));
  });

  it('previews each chat’s latest message on one line: mine as “You:”, a colleague’s by name, a note marked, files', async () => {
    const mine = { status: 'assigned', assignedAgentId: AGENT.id } as const;
    const bob = { ...AGENT, id: 'agent-bob-00001', name: 'Bob', email: 'bob@example.com' };
    const preview = (text: string, author: Partial<NonNullable<Conversation['lastMessagePreview']>> = {}) =>
      ({ text, authorKind: 'visitor', authorId: 'visitor-0001', internal: false, ...author }) as const;
    const chats = [
      conversation({ ...mine, visitorName: 'Maria', lastMessageAt: '2030-01-02T09:05:00.000Z', lastMessagePreview: preview('مرحبا، أين طلبي؟') }),
      conversation({ ...mine, visitorName: 'Otto', lastMessageAt: '2030-01-02T09:04:00.000Z', lastMessagePreview: preview('On its way', { authorKind: 'agent', authorId: AGENT.id }) }),
      conversation({ ...mine, visitorName: 'Nina', lastMessageAt: '2030-01-02T09:03:00.000Z', lastMessagePreview: preview('VIP, refund them', { authorKind: 'agent', authorId: bob.id, internal: true }) }),
      conversation({ ...mine, visitorName: 'Lev', lastMessageAt: '2030-01-02T09:02:00.000Z', lastMessagePreview: preview('') }),
      conversation({ ...mine, visitorName: 'Ida', lastMessageAt: '2030-01-02T09:01:00.000Z' }),
    ];
    const { socket } = await renderSignedIn({ conversations: chats });
    act(() => socket.serverEmit('agent:updated', bob));
    const previews = () =>
      screen.getAllByTestId('mine-item').map((item) => within(item).queryByTestId('conversation-preview')?.textContent ?? null);
    await waitFor(() =>
      expect(previews()).toEqual(['مرحبا، أين طلبي؟', 'You:On its way', 'NoteBob:VIP, refund them', 'Sent a file', null]),
    );
    // The text takes its own direction: an Arabic message reads right to left in an English console.
    const [maria] = screen.getAllByTestId('conversation-preview');
    expect(maria?.querySelector('[dir="auto"]')).toHaveTextContent('مرحبا، أين طلبي؟');

    // Live: a message of a chat I handle, and the digest for one I do not.
    const [first] = chats;
    if (!first) throw new Error('chats expected');
    act(() => socket.serverEmit('message:new', visitorMessage(first, { seq: 1, text: 'Line one\n\nline two' })));
    await waitFor(() => expect(previews()[0]).toBe('Line one line two'));
    const theirs = conversation({ visitorName: 'Pia', status: 'assigned', assignedAgentId: bob.id, lastSeq: 1 });
    act(() => socket.serverEmit('conversation:updated', theirs));
    act(() =>
      socket.serverEmit('conversation:activity', [{
        conversationId: theirs.id, lastSeq: 2, updatedAt: '2030-01-02T10:00:00.000Z', awaitingAgentSince: null,
        lastMessagePreview: preview('Thanks, Bob!'),
      }]),
    );
    await waitFor(() => expect(within(screen.getByTestId('others-item')).getByTestId('conversation-preview')).toHaveTextContent('Thanks, Bob!'));
  });

  it('files a colleague’s chat under Colleagues', async () => {
    const theirs = conversation({
      visitorName: 'Otto',
      status: 'assigned',
      assignedAgentId: 'agent-bob-00001',
    });
    await renderSignedIn({ conversations: [theirs] });
    expect(await screen.findByTestId('others-item')).toHaveTextContent('Otto');
  });
});
