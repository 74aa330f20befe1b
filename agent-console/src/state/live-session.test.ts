import type { ChatEvent, Conversation, Message } from '@parley/shared';
import { fakeAdminClient } from '../test-support/fake-admin-client';
import { FakeAgentSocket } from '../test-support/fake-agent-socket';
import { AGENT, conversation, visitorMessage } from '../test-support/fixtures';
import { createLiveSession } from './live-session';
import type { SessionStore } from './session.store';
import { signal } from '@preact/signals';

function fakeSession(): SessionStore & { expired: jest.Mock } {
  const agent = signal(AGENT);
  const expired = jest.fn();
  return {
    phase: signal('signed-in' as const),
    token: signal('token-abcdefghijklmnopqrstuvwxyz'),
    agent,
    endedByServer: signal(false),
    signIn: jest.fn(),
    completeSecondFactor: jest.fn(),
    adopt: jest.fn(),
    signOut: jest.fn(),
    restore: jest.fn(),
    expire: expired,
    expired,
    updateAgent: (next) => (agent.value = next),
  };
}

const settle = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

function start(list: Conversation[] = []) {
  const socket = new FakeAgentSocket();
  socket.handle('conversation:list', () => ({ ok: true, data: list }));
  socket.handle('agent:list', () => ({ ok: true, data: [AGENT] }));
  const onNewChat = jest.fn();
  const session = fakeSession();
  const live = createLiveSession({
    connection: socket.connection(),
    admin: fakeAdminClient(),
    session,
    storage: window.localStorage,
    onNewChat,
    newClientId: () => 'client-0001-abcd',
    isPageVisible: () => true,
  });
  return { socket, live, onNewChat, session };
}

beforeEach(() => window.localStorage.clear());

describe('live session', () => {
  it('chimes for chats that arrive while the agent is here, not for those already waiting', async () => {
    const old = conversation();
    const { socket, live, onNewChat } = start([old]);
    socket.setConnected(true);
    await settle();
    expect(live.conversations.queued.value.map((c) => c.id)).toEqual([old.id]);
    expect(onNewChat).not.toHaveBeenCalled();

    const fresh = conversation();
    socket.serverEmit('conversation:updated', fresh);
    socket.serverEmit('conversation:updated', fresh); // the same news twice rings once
    expect(onNewChat).toHaveBeenCalledTimes(1);
    expect(onNewChat).toHaveBeenCalledWith(fresh);
    live.dispose();
  });

  it('catches up after a reconnect: lists again, reloads open chats, resends what waited', async () => {
    const mine = conversation({ status: 'assigned', assignedAgentId: AGENT.id });
    const { socket, live } = start([mine]);
    const missed = visitorMessage(mine, { seq: 1, text: 'are you there?' });
    socket.handle('conversation:open', () => ({
      ok: true,
      data: { conversation: { ...mine, lastSeq: 1 }, messages: [missed] },
    }));
    socket.handle('message:send', (payload) => ({
      ok: true,
      data: {
        ...missed,
        id: 'msg-reply-0001',
        seq: 2,
        clientId: payload.clientId,
        text: payload.text,
        author: { kind: 'agent' as const, id: AGENT.id, name: AGENT.name },
      },
    }));
    socket.setConnected(true);
    await settle();

    socket.setConnected(false);
    void live.openConversation(mine.id).catch(() => undefined); // offline: the history waits
    live.send(mine.id, 'Yes, still here');
    await settle();
    expect(socket.emitsOf('message:send')).toHaveLength(0);

    socket.setConnected(true);
    await settle();
    expect(socket.emitsOf('conversation:list')).toHaveLength(2);
    expect(socket.emitsOf('message:send')).toEqual([
      { conversationId: mine.id, clientId: 'client-0001-abcd', text: 'Yes, still here' },
    ]);
    expect(live.transcripts.messagesOf(mine.id).value.map((m) => m.text)).toEqual([
      'are you there?',
      'Yes, still here',
    ]);
    expect(live.status.value).toBe('online');
    live.dispose();
  });

  it('catches up when the server says broadcasts between its processes were lost (Redis was away), staying connected', async () => {
    const mine = conversation({ status: 'assigned', assignedAgentId: AGENT.id });
    const { socket, live } = start([mine]);
    const before = visitorMessage(mine, { seq: 1, text: 'hello' });
    const missed = visitorMessage(mine, { seq: 2, text: 'sent to another process during the outage' });
    let held = [before];
    socket.handle('conversation:open', () => ({ ok: true, data: { conversation: { ...mine, lastSeq: held.length }, messages: held } }));
    socket.setConnected(true);
    await settle();
    await live.openConversation(mine.id);
    expect(live.transcripts.messagesOf(mine.id).value.map((m) => m.text)).toEqual(['hello']);

    held = [before, missed];
    socket.serverEmit('session:resync', {});
    await settle();
    expect(socket.emitsOf('conversation:list')).toHaveLength(2);
    expect(live.transcripts.messagesOf(mine.id).value.map((m) => m.text)).toEqual(['hello', 'sent to another process during the outage']);
    expect(live.status.value).toBe('online');
    live.dispose();
  });

  it("moves a colleague's chat up the list and counts it unread from the server's activity digest", async () => {
    const colleague = 'agent-bob-00001';
    const quiet = conversation({ status: 'assigned', assignedAgentId: colleague, lastMessageAt: '2026-01-01T10:00:00.000Z' });
    const busy = conversation({ status: 'assigned', assignedAgentId: colleague, lastMessageAt: '2026-01-01T10:05:00.000Z' });
    const { socket, live } = start([quiet, busy]);
    socket.setConnected(true);
    await settle();
    expect(live.conversations.others.value.map((c) => c.id)).toEqual([busy.id, quiet.id]);

    socket.serverEmit('conversation:activity', [
      { conversationId: quiet.id, lastSeq: 3, updatedAt: '2026-01-01T10:09:00.000Z', awaitingAgentSince: null, lastMessagePreview: null },
      { conversationId: 'conversation-unknown-001', lastSeq: 9, updatedAt: '2026-01-01T10:09:00.000Z', awaitingAgentSince: null, lastMessagePreview: null },
    ]);
    expect(live.conversations.others.value.map((c) => c.id)).toEqual([quiet.id, busy.id]);
    expect(live.conversations.unreadCount(quiet.id)).toBe(3);
    // An older digest arriving late does not take the count back.
    socket.serverEmit('conversation:activity', [
      { conversationId: quiet.id, lastSeq: 2, updatedAt: '2026-01-01T10:08:00.000Z', awaitingAgentSince: null, lastMessagePreview: null },
    ]);
    expect(live.conversations.unreadCount(quiet.id)).toBe(3);
    live.dispose();
  });

  describe('a system line (a transfer, an invitation)', () => {
    const transferred: ChatEvent = { type: 'transferred', from: 'Bob', to: 'Ana' };
    const systemLine = (of: Conversation, seq: number): Message =>
      visitorMessage(of, { seq, author: { kind: 'system' }, text: 'Bob transferred the chat to Ana.', event: transferred, createdAt: '2030-01-02T11:00:00.000Z' });

    it('is not unread, rings nothing, and leaves the latest message and “awaiting your reply” as they were', async () => {
      const since = '2030-01-02T10:01:00.000Z';
      const unanswered = conversation({
        status: 'assigned', assignedAgentId: AGENT.id, lastSeq: 2, lastMessageAt: since, awaitingAgentSince: since,
        lastMessagePreview: { text: 'Hello?', authorKind: 'visitor', authorId: 'visitor-0001', internal: false },
      });
      const caughtUp = conversation({ status: 'assigned', assignedAgentId: AGENT.id, lastSeq: 1 });
      const { socket, live, onNewChat } = start([unanswered, caughtUp]);
      socket.setConnected(true);
      await settle();
      live.conversations.markRead(caughtUp.id);

      socket.serverEmit('message:new', systemLine(unanswered, 3));
      socket.serverEmit('message:new', systemLine(caughtUp, 2));

      expect(live.conversations.unreadCount(unanswered.id)).toBe(2);
      expect(live.conversations.unreadCount(caughtUp.id)).toBe(0);
      expect(live.conversations.byId.value.get(unanswered.id)).toMatchObject({
        lastSeq: 3, lastMessageAt: since, awaitingAgentSince: since, lastMessagePreview: unanswered.lastMessagePreview,
      });
      expect(onNewChat).not.toHaveBeenCalled();
      // The visitor writes again: one more unread, not two.
      socket.serverEmit('message:new', visitorMessage(unanswered, { seq: 4 }));
      expect(live.conversations.unreadCount(unanswered.id)).toBe(3);
      live.dispose();

      // After a reload, the chat that was read stays read.
      const reloaded = start([{ ...caughtUp, lastSeq: 2 }]);
      reloaded.socket.setConnected(true);
      await settle();
      expect(reloaded.live.conversations.unreadCount(caughtUp.id)).toBe(0);
      reloaded.live.dispose();
    });

    it('missed while offline in a background tab, is not unread once its transcript is reloaded', async () => {
      const background = conversation({ status: 'assigned', assignedAgentId: AGENT.id, lastSeq: 1 });
      const front = conversation({ status: 'assigned', assignedAgentId: AGENT.id });
      const { socket, live } = start([background, front]);
      const history = [visitorMessage(background, { seq: 1 })];
      socket.handle('conversation:open', ({ conversationId }) => ({
        ok: true,
        data: conversationId === background.id
          ? { conversation: { ...background, lastSeq: history.length }, messages: [...history] }
          : { conversation: front, messages: [] },
      }));
      socket.setConnected(true);
      await settle();
      await live.openConversation(background.id);
      await live.openConversation(front.id);

      socket.setConnected(false);
      history.push(systemLine(background, 2), visitorMessage(background, { seq: 3 }));
      socket.handle('conversation:list', () => ({ ok: true, data: [{ ...background, lastSeq: 3 }, front] }));
      socket.setConnected(true);
      await settle();

      expect(live.transcripts.messagesOf(background.id).value).toHaveLength(3);
      expect(live.conversations.unreadCount(background.id)).toBe(1);
      live.dispose();
    });
  });

  it('signs out when the server refuses the token', () => {
    const { socket, session, live } = start();
    socket.setConnected(false, { code: 'UNAUTHENTICATED', message: 'Sign in first.' });
    expect(session.expired).toHaveBeenCalled();
    live.dispose();
  });

  it('follows its own presence when the server changes it', async () => {
    const { socket, session, live } = start();
    socket.serverEmit('agent:updated', { ...AGENT, status: 'offline' });
    expect(session.agent.value?.status).toBe('offline');
    socket.serverEmit('agent:updated', { ...AGENT, id: 'agent-bob-00001', name: 'Bob', status: 'online' });
    expect(session.agent.value?.name).toBe('Ana');
    expect(live.agents.availableColleagues.value.map((a) => a.name)).toEqual(['Bob']);
    live.dispose();
  });
});
