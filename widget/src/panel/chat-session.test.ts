import type { Message } from '@parley/shared';
import { createFakeTransport } from '../test-support/fake-transport';
import { aConversation, aMessage, agentAuthor, systemAuthor } from '../test-support/message-factory';
import { createChatStore } from './chat-store';
import { outgoingMessage, startChatSession } from './chat-session';
import { cleanIdentity } from './visitor-identity';
import { createOutbox } from './outbox';
import { openSafeStorage } from './safe-storage';

const pageContext = { pageUrl: 'https://shop.example/tea', pageTitle: 'Tea', referrer: '' };

function setup() {
  const transport = createFakeTransport();
  const store = createChatStore();
  const storage = openSafeStorage(() => localStorage);
  const outbox = createOutbox({
    storage,
    storageKey: 'parley:site_key_123:outbox',
    send: (item) => transport.sendMessage({ clientId: item.clientId, text: item.text }),
    canSend: () => transport.isConnected(),
    onDelivered: (message) => store.receiveMessages([message], { live: false }),
    onChange: (items) => store.setPending(items),
  });
  const agentMessages: Message[] = [];
  const tokens: string[] = [];
  const session = startChatSession({
    transport,
    store,
    outbox,
    saveVisitorToken: (token) => tokens.push(token),
    onAgentMessage: (message) => agentMessages.push(message),
    pageContext,
  });
  return { transport, store, outbox, session, agentMessages, tokens };
}

/** Lets the awaited acks and history answers settle. */
const settle = async (): Promise<void> => {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
};

beforeEach(() => localStorage.clear());

describe('chat session', () => {
  it('loads history on connect without counting it as unread or new', async () => {
    const { transport, store, agentMessages } = setup();
    const history = [aMessage({ seq: 1 }), aMessage({ seq: 2, author: agentAuthor })];
    transport.answerHistory = () => ({ ok: true, data: { conversation: aConversation({ lastSeq: 2 }), messages: history } });
    transport.serverConnects();
    await settle();

    expect(transport.historyRequests).toEqual([{}]);
    expect(store.getState().messages).toEqual(history);
    expect(store.getState().unread).toBe(0);
    expect(agentMessages).toEqual([]);
  });

  it('says when the history is in (what comes next is new, for screen readers), also when there was none', async () => {
    const { transport, store } = setup();
    transport.answerHistory = () => ({ ok: true, data: null });
    expect(store.getState().historyLoaded).toBe(false);
    transport.serverConnects();
    await settle();
    expect(store.getState().historyLoaded).toBe(true);
  });

  it('catches up after a reconnect from the highest seq it holds, without duplicates', async () => {
    const { transport, store, agentMessages } = setup();
    const first = [aMessage({ seq: 1 }), aMessage({ seq: 2, author: agentAuthor })];
    transport.answerHistory = () => ({ ok: true, data: { conversation: aConversation({ lastSeq: 2 }), messages: first } });
    transport.serverConnects();
    await settle();
    transport.serverDisconnects();
    expect(store.getState().connection).toBe('offline');

    const missed = aMessage({ seq: 3, author: agentAuthor, text: 'Sorry for the wait' });
    transport.answerHistory = () => ({
      ok: true,
      data: { conversation: aConversation({ lastSeq: 3 }), messages: [first[1]!, missed] },
    });
    transport.serverConnects();
    await settle();

    expect(transport.historyRequests.at(-1)).toEqual({ afterSeq: 2 });
    expect(store.getState().messages.map((message) => message.seq)).toEqual([1, 2, 3]);
    expect(agentMessages).toEqual([missed]);
    expect(store.getState().unread).toBe(1);
  });

  it('starts over when history answers with a different conversation than the one it catches up on', async () => {
    const { transport, store } = setup();
    transport.answerHistory = () => ({
      ok: true,
      data: { conversation: aConversation({ lastSeq: 4 }), messages: [aMessage({ seq: 4 })] },
    });
    transport.serverConnects();
    await settle();

    const fresh = aConversation({ id: 'conversation_2', lastSeq: 1 });
    const freshMessage = aMessage({ seq: 1, conversationId: fresh.id, createdAt: '2025-02-01T00:00:00.000Z' });
    transport.answerHistory = (request) => ({
      ok: true,
      data: { conversation: fresh, messages: request.afterSeq ? [] : [freshMessage] },
    });
    transport.serverDisconnects();
    transport.serverConnects();
    await settle();
    expect(transport.historyRequests.slice(-2)).toEqual([{ afterSeq: 4 }, {}]);
    expect(store.getState().conversation?.id).toBe('conversation_2');
    expect(store.getState().messages.at(-1)).toEqual(freshMessage);
  });

  it('sends what was typed offline once connected, and shows it once although ack and broadcast both arrive', async () => {
    const { transport, store, session } = setup();
    session.send('Hello from the train');
    expect(transport.connectCalls).toBe(1);
    expect(store.getState().pending.map((item) => item.text)).toEqual(['Hello from the train']);

    let stored: Message | undefined;
    transport.answerSend = async (message) => {
      stored = aMessage({ seq: 1, clientId: message.clientId, text: message.text });
      // The server broadcasts to all of the visitor's sockets before it acknowledges.
      transport.push('message:new', stored);
      return { ok: true, data: stored };
    };
    transport.serverConnects();
    await settle();

    expect(transport.sent).toHaveLength(1);
    expect(store.getState().pending).toEqual([]);
    expect(store.getState().messages).toEqual([stored]);
  });

  it('says offline the moment the browser loses its network, and reconnects (or is back) the moment it returns', () => {
    const { transport, store } = setup();
    transport.serverConnects();
    expect(store.getState().connection).toBe('online');

    window.dispatchEvent(new Event('offline'));
    expect(store.getState().connection).toBe('offline');
    // A short loss the socket never noticed: it is still connected, so the chat is simply back.
    window.dispatchEvent(new Event('online'));
    expect(store.getState().connection).toBe('online');

    window.dispatchEvent(new Event('offline'));
    transport.serverDisconnects();
    const connectsBefore = transport.connectCalls;
    window.dispatchEvent(new Event('online'));
    expect(transport.connectCalls).toBe(connectsBefore + 1);
    expect(store.getState().connection).toBe('offline');
  });

  it('shows a message typed in another tab, delivered by broadcast', () => {
    const { transport, store } = setup();
    transport.serverConnects();
    transport.push('message:new', aMessage({ seq: 1, text: 'from my other tab' }));
    expect(store.getState().messages.map((message) => message.text)).toEqual(['from my other tab']);
  });

  it('shows a system line without announcing it as an agent message (no chime, no notice to the host page)', () => {
    const { transport, store, agentMessages } = setup();
    const invitation = aMessage({ seq: 1, author: systemAuthor, event: { type: 'invited', by: 'Anna', agent: 'Carla' } });
    transport.push('message:new', invitation);
    expect(store.getState().messages).toEqual([invitation]);
    expect(agentMessages).toEqual([]);
  });

  it('never shows internal notes', () => {
    const { transport, store } = setup();
    transport.push('message:new', aMessage({ seq: 1, author: agentAuthor, internal: true }));
    expect(store.getState().messages).toEqual([]);
  });

  it('keeps the token the server issues', () => {
    const { transport, tokens, store } = setup();
    transport.push('session:ready', { visitorId: 'visitor_0001', visitorToken: 't'.repeat(43), name: null });
    expect(tokens).toEqual(['t'.repeat(43)]);
    expect(store.getState().introduced).toBe(false);
  });

  it('does not ask a visitor the server already knows by name to introduce themselves', () => {
    const { transport, store } = setup();
    transport.push('session:ready', { visitorId: 'visitor_0001', visitorToken: 't'.repeat(43), name: 'Ada' });
    expect(store.getState()).toMatchObject({ introduced: true, visitorName: 'Ada' });
  });

  it('shows the agent typing, and forgets it when the agent stops or a notice is lost', () => {
    jest.useFakeTimers();
    const { transport, store } = setup();
    transport.push('typing', { conversationId: 'conversation_1', who: 'agent', name: 'Anna', typing: true });
    expect(store.getState().agentTyping).toEqual({ name: 'Anna' });
    transport.push('typing', { conversationId: 'conversation_1', who: 'agent', name: 'Anna', typing: false });
    expect(store.getState().agentTyping).toBeNull();

    transport.push('typing', { conversationId: 'conversation_1', who: 'agent', name: 'Anna', typing: true });
    jest.advanceTimersByTime(10_000);
    expect(store.getState().agentTyping).toBeNull();
    jest.useRealTimers();
  });

  /** Connected, holding the chat's first message: the history asked for from here on is what the test did. */
  async function holdingTheFirstMessage() {
    const { transport, store } = setup();
    transport.push('message:new', aMessage({ seq: 1 }));
    store.setConversation(aConversation({ lastSeq: 1 }));
    transport.serverConnects();
    await settle();
    return { transport, store, before: transport.historyRequests.length };
  }

  it('fetches a gap announced by conversation:updated', async () => {
    const { transport, before } = await holdingTheFirstMessage();
    transport.push('conversation:updated', aConversation({ lastSeq: 3 }));
    await settle();
    expect(transport.historyRequests.slice(before)).toEqual([{ afterSeq: 1 }]);
  });

  it('fetches what other server processes sent while Redis was away when the server says so, staying connected', async () => {
    const { transport, store, before } = await holdingTheFirstMessage();
    const missed = aMessage({ seq: 2, text: 'An agent answered during the outage' });
    transport.answerHistory = () => ({ ok: true, data: { conversation: aConversation({ lastSeq: 2 }), messages: [missed] } });
    transport.push('session:resync', {});
    await settle();
    expect(transport.historyRequests.slice(before)).toEqual([{ afterSeq: 1 }]);
    expect(store.getState().messages.map((m) => m.text)).toContain('An agent answered during the outage');
    expect(store.getState().connection).toBe('online');
  });

  it('stops trying when the server refuses the site for good', () => {
    const { transport, store, session } = setup();
    transport.serverRefuses({ code: 'SITE_NOT_FOUND', message: 'unknown site' }, false);
    expect(store.getState()).toMatchObject({ connection: 'refused', refusal: 'SITE_NOT_FOUND' });
    session.connect();
    expect(transport.connectCalls).toBe(0);
  });

  it('reports the host page on every connection', () => {
    const { transport } = setup();
    transport.serverConnects();
    transport.serverDisconnects();
    transport.serverConnects();
    expect(transport.contexts).toEqual([pageContext, pageContext]);
  });

  it('sends the identity from the host page once connected, without connecting just for it', () => {
    const { transport, session, store } = setup();
    session.identify({ name: '  Ada Lovelace ', email: 'ada@example.com' });
    expect(transport.connectCalls).toBe(0);
    expect(transport.identities).toEqual([]);
    expect(store.getState()).toMatchObject({ introduced: true, visitorName: 'Ada Lovelace' });
    transport.serverConnects();
    expect(transport.identities).toEqual([{ name: 'Ada Lovelace', email: 'ada@example.com' }]);
  });
});

describe('chat session requests', () => {
  it('asks on every connection whether someone can answer, and keeps the answer', async () => {
    const { transport, store, session } = setup();
    session.refreshAvailability();
    expect(transport.requests).toEqual([]);
    transport.answers['site:status'] = () => ({ ok: true, data: { agentsOnline: false, openNow: true } });
    transport.serverConnects();
    await settle();
    expect(transport.requests).toEqual([{ event: 'site:status', payload: {} }]);
    expect(store.getState().availability).toEqual({ agentsOnline: false, openNow: true });
  });

  it('follows the server when an agent comes online or everyone leaves, without asking again', async () => {
    const { transport, store } = setup();
    transport.answers['site:status'] = () => ({ ok: true, data: { agentsOnline: false, openNow: true } });
    transport.serverConnects();
    await settle();
    transport.push('site:availability', { agentsOnline: true, openNow: true });
    expect(store.getState().availability).toEqual({ agentsOnline: true, openNow: true });
    transport.push('site:availability', { agentsOnline: false, openNow: true });
    expect(store.getState().availability).toEqual({ agentsOnline: false, openNow: true });
    expect(transport.requests).toHaveLength(1);
  });

  it('connects for a request the visitor makes, and answers null when none came', async () => {
    const { transport, session } = setup();
    transport.answers['conversation:end'] = () => ({ ok: true, data: { ticket: { ticketNumber: 1042, emailOnFile: false } } });
    expect(await session.ask('conversation:end', {})).toEqual({ ok: true, data: { ticket: { ticketNumber: 1042, emailOnFile: false } } });
    expect(transport.connectCalls).toBe(1);
    expect(await session.ask('conversation:transcript', { email: 'ada@example.test' })).toBeNull();
  });

  it('merges what the visitor tells about themselves and says whether the server has it', async () => {
    const { transport, store, session } = setup();
    expect(await session.identify({ name: 'Ada' })).toBe(true);
    expect(transport.identities).toEqual([]);
    transport.serverConnects();
    expect(await session.identify({ email: 'ada@example.test' })).toBe(true);
    expect(transport.identities.at(-1)).toEqual({ name: 'Ada', email: 'ada@example.test' });
    expect(store.getState()).toMatchObject({ introduced: true, visitorName: 'Ada', email: 'ada@example.test' });

    transport.identify = async () => ({ ok: false, error: { code: 'VALIDATION_FAILED', message: 'no' } });
    expect(await session.identify({ email: 'other@example.test' })).toBe(false);
  });

  it('passes a signed identity from the host page through untouched, with what the visitor said before', async () => {
    const { transport, store, session } = setup();
    const signed = { userId: 'user-42', email: 'ada@example.test', timestamp: 1_790_000_000, signature: 'ab'.repeat(32) };
    void session.identify({ name: 'Ada' });
    void session.identify({ ...signed, extra: 'dropped' });
    expect(store.getState()).toMatchObject({ visitorName: 'Ada', email: 'ada@example.test' });
    transport.serverConnects();
    await settle();
    expect(transport.identities).toEqual([{ name: 'Ada', ...signed }]);
  });
});

describe('chat session: read receipts and requests', () => {
  it('keeps the read marks from history and from conversation:read', async () => {
    const { transport, store } = setup();
    const read = { conversationId: 'conversation_1', visitorSeq: 2, agentSeq: 1 };
    transport.answerHistory = () => ({
      ok: true,
      data: { conversation: aConversation({ lastSeq: 2 }), messages: [aMessage({ seq: 1 }), aMessage({ seq: 2 })], read },
    });
    transport.serverConnects();
    await settle();
    expect(store.getState().read).toEqual(read);

    transport.push('conversation:read', { conversationId: 'conversation_1', visitorSeq: 2, agentSeq: 2 });
    expect(store.getState().read).toEqual({ conversationId: 'conversation_1', visitorSeq: 2, agentSeq: 2 });
  });

  it('after a reload with the chat closed, counts the agent messages after the visitor\'s read mark as unread', async () => {
    const { transport, store, agentMessages } = setup();
    // The visitor read up to their own message (seq 2); the agent answered twice since, while the panel was closed.
    const read = { conversationId: 'conversation_1', visitorSeq: 2, agentSeq: 2 };
    const history = [
      aMessage({ seq: 1, author: agentAuthor }),
      aMessage({ seq: 2 }),
      aMessage({ seq: 3, author: agentAuthor }),
      aMessage({ seq: 4, author: agentAuthor }),
    ];
    transport.answerHistory = () => ({
      ok: true,
      data: { conversation: aConversation({ status: 'assigned', lastSeq: 4 }), messages: history, read },
    });
    transport.serverConnects();
    await settle();
    expect(store.getState().unread).toBe(2);
    // Not announced again: the host page heard of them when they came.
    expect(agentMessages).toEqual([]);

    // Read in another tab: the server's new mark clears them here too.
    transport.push('conversation:read', { conversationId: 'conversation_1', visitorSeq: 4, agentSeq: 2 });
    expect(store.getState().unread).toBe(0);
  });

  it('counts nothing unread in a history the visitor has read, or while the panel is open', async () => {
    const { transport, store } = setup();
    const history = [aMessage({ seq: 1 }), aMessage({ seq: 2, author: agentAuthor })];
    transport.answerHistory = () => ({
      ok: true,
      data: {
        conversation: aConversation({ status: 'assigned', lastSeq: 2 }),
        messages: history,
        read: { conversationId: 'conversation_1', visitorSeq: 2, agentSeq: 1 },
      },
    });
    transport.serverConnects();
    await settle();
    expect(store.getState().unread).toBe(0);

    const opened = setup();
    opened.store.setOpen(true);
    opened.transport.answerHistory = () => ({
      ok: true,
      data: {
        conversation: aConversation({ status: 'assigned', lastSeq: 2 }),
        messages: history,
        read: { conversationId: 'conversation_1', visitorSeq: 1, agentSeq: 1 },
      },
    });
    opened.transport.serverConnects();
    await settle();
    expect(opened.store.getState().unread).toBe(0);
  });

  it('takes the request number from ticket:created for the chat the visitor is in', async () => {
    const { transport, store } = setup();
    transport.push('ticket:created', { ticketNumber: 7, emailOnFile: false });
    // No chat known yet: nothing to attach it to (and it is no offline-form receipt).
    expect(store.getState().ticket).toBeNull();

    store.setConversation(aConversation({ id: 'conversation_9', status: 'assigned' }));
    transport.push('ticket:created', { ticketNumber: 1042, emailOnFile: true });
    expect(store.getState().ticket).toEqual({ conversationId: 'conversation_9', ticketNumber: 1042, emailOnFile: true });
  });

  it('keeps the request number after a reload: the history carries it', async () => {
    const { transport, store } = setup();
    const conversation = aConversation({ id: 'conversation_9', status: 'resolved', ticketId: 'ticket_0001', lastSeq: 1 });
    transport.answerHistory = () => ({
      ok: true,
      data: { conversation, messages: [aMessage({ seq: 1, conversationId: 'conversation_9' })], ticket: { ticketNumber: 1002, emailOnFile: false } },
    });
    transport.serverConnects();
    await settle();
    expect(store.getState().ticket).toEqual({ conversationId: 'conversation_9', ticketNumber: 1002, emailOnFile: false });
  });

  it("leaves an offline message's receipt in place when the history speaks of an earlier chat's request", async () => {
    const { transport, store } = setup();
    store.update({ ticket: { conversationId: null, ticketNumber: 1003, emailOnFile: true } });
    const conversation = aConversation({ id: 'conversation_9', status: 'resolved', ticketId: 'ticket_0001' });
    transport.answerHistory = () => ({ ok: true, data: { conversation, messages: [], ticket: { ticketNumber: 1002, emailOnFile: false } } });
    transport.serverConnects();
    await settle();
    expect(store.getState().ticket).toEqual({ conversationId: null, ticketNumber: 1003, emailOnFile: true });
  });
});

describe('outgoingMessage', () => {
  it('sends the pre-chat department only with a message that opens a conversation', () => {
    const item = { clientId: 'client_1_000', text: 'hi', createdAt: '2025-01-01T12:00:00.000Z' };
    const store = createChatStore({ departmentId: 'dept_sales' });
    expect(outgoingMessage(item, store.getState())).toEqual({ clientId: 'client_1_000', text: 'hi', departmentId: 'dept_sales' });
    store.setConversation(aConversation({ status: 'assigned' }));
    expect(outgoingMessage(item, store.getState())).toEqual({ clientId: 'client_1_000', text: 'hi' });
    store.setConversation(aConversation({ status: 'resolved' }));
    expect(outgoingMessage(item, store.getState()).departmentId).toBe('dept_sales');
    expect(outgoingMessage(item, createChatStore().getState())).toEqual({ clientId: 'client_1_000', text: 'hi' });
  });
});

describe('cleanIdentity', () => {
  it('keeps only what the server would accept', () => {
    expect(cleanIdentity({ name: 'Ada', email: 'not an email', admin: true })).toEqual({ name: 'Ada' });
    expect(cleanIdentity({ name: ' ', email: 42 })).toBeNull();
    expect(cleanIdentity('Ada')).toBeNull();
    expect(cleanIdentity({ name: 'x'.repeat(121) })).toBeNull();
  });

  it('drops an e-mail the server would refuse (no dot after the @), so the name still reaches it', () => {
    expect(cleanIdentity({ name: 'Ada', email: 'ada@bad' })).toEqual({ name: 'Ada' });
    expect(cleanIdentity({ name: 'Ada', email: ' ada@example.test ' })).toEqual({ name: 'Ada', email: 'ada@example.test' });
  });

  it('keeps a signed identity for the server to judge, without anything else the page added', () => {
    const signature = '0f'.repeat(32);
    expect(cleanIdentity({ userId: 'u-1', timestamp: 1_790_000_000, signature, email: 'a@b.co', role: 'admin' })).toEqual({ userId: 'u-1', timestamp: 1_790_000_000, signature, email: 'a@b.co' });
    expect(cleanIdentity({ userId: 'u-1', timestamp: 1_790_000_000, name: 'Ada' })).toEqual({ name: 'Ada' });
  });
});
