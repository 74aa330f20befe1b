import type { Message, ReadState } from '@parley/shared';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { AGENT, conversation, visitorMessage } from '../test-support/fixtures';
import { renderSignedIn } from '../test-support/render-console';

beforeEach(() => window.localStorage.clear());
afterEach(() => setVisibility('visible'));

function setVisibility(state: DocumentVisibilityState) {
  Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
}

const chat = conversation({
  visitorName: 'Maria',
  status: 'assigned',
  assignedAgentId: AGENT.id,
  lastSeq: 4,
});
const byAgent = (seq: number, overrides: Partial<Message> = {}): Message =>
  visitorMessage(chat, {
    seq,
    author: { kind: 'agent', id: AGENT.id, name: AGENT.name },
    text: `Reply ${seq}`,
    ...overrides,
  });
const messages: Message[] = [
  visitorMessage(chat, { seq: 1 }),
  byAgent(2),
  byAgent(3, { internal: true, text: 'Note' }),
  byAgent(4),
];

async function openChat(read?: ReadState) {
  const rendered = await renderSignedIn({ conversations: [chat], messages });
  rendered.socket.handle('conversation:open', () => ({
    ok: true,
    data: { conversation: chat, messages, read },
  }));
  fireEvent.click(await screen.findByTestId('mine-item'));
  const panel = await screen.findByTestId('chat-panel');
  await within(panel).findAllByTestId('message');
  return { ...rendered, panel };
}

const receipts = (panel: HTMLElement) =>
  within(panel)
    .getAllByTestId('message')
    .map((item) => [item.dataset.seq, within(item).queryByTestId('message-receipt')?.textContent ?? null]);

describe('read receipts', () => {
  it('marks the agents’ messages Read up to where the visitor has read, Sent after, and moves on live', async () => {
    const { panel, socket } = await openChat({ conversationId: chat.id, visitorSeq: 2, agentSeq: 1 });
    expect(receipts(panel)).toEqual([
      ['1', null],
      ['2', 'Read'],
      ['3', null],
      ['4', 'Sent'],
    ]);
    act(() =>
      socket.serverEmit('conversation:read', { conversationId: chat.id, visitorSeq: 4, agentSeq: 4 }),
    );
    expect(receipts(panel)[3]).toEqual(['4', 'Read']);
    // An older push arriving late does not take "Read" back.
    act(() =>
      socket.serverEmit('conversation:read', { conversationId: chat.id, visitorSeq: 2, agentSeq: 4 }),
    );
    expect(receipts(panel)[3]).toEqual(['4', 'Read']);
  });

  it('tells the server the highest message shown, once, when the chat is open and the page visible', async () => {
    const { socket } = await openChat();
    await waitFor(() =>
      expect(socket.emitsOf('message:read')).toEqual([{ conversationId: chat.id, seq: 4 }]),
    );
  });

  it('says nothing while the page is hidden, and reports once it is looked at again', async () => {
    setVisibility('hidden');
    const { socket } = await openChat();
    expect(socket.emitsOf('message:read')).toEqual([]);
    setVisibility('visible');
    act(() => void document.dispatchEvent(new Event('visibilitychange')));
    expect(socket.emitsOf('message:read')).toEqual([{ conversationId: chat.id, seq: 4 }]);
  });

  it('does not report what the server says agents have already read', async () => {
    const { socket } = await openChat({ conversationId: chat.id, visitorSeq: 0, agentSeq: 4 });
    expect(socket.emitsOf('message:read')).toEqual([]);
  });
  it('leaves a message unread while the agent is on another screen, and reads it on coming back to Chats', async () => {
    const { socket } = await openChat();
    await waitFor(() => expect(socket.emitsOf('message:read')).toHaveLength(1));
    socket.handle('ticket:search', () => ({ ok: true, data: { tickets: [], total: 0 } }));
    fireEvent.click(screen.getByTestId('tickets-nav'));
    await waitFor(() => expect(screen.queryByTestId('chat-panel')).toBeNull());

    act(() => socket.serverEmit('message:new', visitorMessage(chat, { seq: 5, text: 'anyone reading?' })));
    // The Chats screen is not shown: the visitor is not told "Read", and the chat counts as unread.
    await waitFor(() => expect(document.title).toMatch(/^\(1\) Tickets/));
    expect(socket.emitsOf('message:read')).toEqual([{ conversationId: chat.id, seq: 4 }]);

    fireEvent.click(screen.getByTestId('chats-nav'));
    await waitFor(() =>
      expect(socket.emitsOf('message:read')).toEqual([
        { conversationId: chat.id, seq: 4 },
        { conversationId: chat.id, seq: 5 },
      ]),
    );
    expect(document.title).not.toMatch(/^\(/);
  });
});
