/** The walking skeleton over real sockets: a visitor writes, an agent sees it live and answers. */
import type { Conversation, Message } from '@parley/shared';
import { connectAgent, connectVisitor, login, nextEvent, unwrap } from './test-support/clients';
import { startTestServer, type TestServer } from './test-support/test-server';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.stop();
});

test('a visitor message reaches a signed-in agent live, and the reply reaches the visitor', async () => {
  const { token } = await login(server.url, server.admin.email, server.admin.password);
  const agent = await connectAgent(server.url, token);
  const { socket: visitor } = await connectVisitor(server.url, { siteKey: server.site.key });

  const queued = nextEvent<Conversation>(agent, 'conversation:updated');
  const seenByAgent = nextEvent<Message>(agent, 'message:new');
  const sent = unwrap(await visitor.emitWithAck('message:send', { clientId: 'visitor-msg-0001', text: 'Hello, anyone?' }));
  expect(sent.seq).toBe(1);
  expect((await queued).status).toBe('queued');
  expect((await seenByAgent).text).toBe('Hello, anyone?');

  const replyForVisitor = nextEvent<Message>(visitor, 'message:new');
  const reply = unwrap(
    await agent.emitWithAck('message:send', {
      conversationId: sent.conversationId, clientId: 'agent-msg-0001', text: 'Hi! How can I help?',
    }),
  );
  expect(reply.seq).toBe(2);
  const received = await replyForVisitor;
  expect(received).toMatchObject({ text: 'Hi! How can I help?', author: { kind: 'agent', name: 'Admin' } });

  agent.disconnect();
  visitor.disconnect();
});

test('a returning visitor presenting their token gets their whole history; a new one gets none', async () => {
  const first = await connectVisitor(server.url, { siteKey: server.site.key });
  unwrap(await first.socket.emitWithAck('message:send', { clientId: 'visitor-msg-0001', text: 'one' }));
  unwrap(await first.socket.emitWithAck('message:send', { clientId: 'visitor-msg-0002', text: 'two' }));
  first.socket.disconnect();

  const again = await connectVisitor(server.url, {
    siteKey: server.site.key, visitorToken: first.session.visitorToken,
  });
  expect(again.session.visitorId).toBe(first.session.visitorId);
  const history = unwrap(await again.socket.emitWithAck('conversation:history', {}));
  expect(history?.messages.map((m) => m.text)).toEqual(['one', 'two']);
  const catchUp = unwrap(await again.socket.emitWithAck('conversation:history', { afterSeq: 1 }));
  expect(catchUp?.messages.map((m) => m.text)).toEqual(['two']);
  again.socket.disconnect();

  const stranger = await connectVisitor(server.url, { siteKey: server.site.key });
  expect(stranger.session.visitorId).not.toBe(first.session.visitorId);
  expect(unwrap(await stranger.socket.emitWithAck('conversation:history', {}))).toBeNull();
  stranger.socket.disconnect();
});

test('a retried message (same client id) is stored and delivered once', async () => {
  const { token } = await login(server.url, server.admin.email, server.admin.password);
  const agent = await connectAgent(server.url, token);
  const delivered: Message[] = [];
  agent.on('message:new', (m) => delivered.push(m));
  const { socket: visitor } = await connectVisitor(server.url, { siteKey: server.site.key });

  const results = await Promise.all(
    [1, 2, 3].map(() => visitor.emitWithAck('message:send', { clientId: 'same-id-00001', text: 'once' })),
  );
  const ids = new Set(results.map((r) => unwrap(r).id));
  expect(ids.size).toBe(1);
  const history = unwrap(await visitor.emitWithAck('conversation:history', {}));
  expect(history?.messages).toHaveLength(1);
  // Give a wrongly doubled broadcast the chance to arrive before counting.
  await agent.emitWithAck('conversation:list', {});
  expect(delivered.filter((m) => m.clientId === 'same-id-00001')).toHaveLength(1);
  agent.disconnect();
  visitor.disconnect();
});

test('bad input gets a clear error and the socket stays open', async () => {
  const { socket: visitor } = await connectVisitor(server.url, { siteKey: server.site.key });
  const empty = await visitor.emitWithAck('message:send', { clientId: 'visitor-msg-0001', text: '   ' });
  expect(empty).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  const tooLong = await visitor.emitWithAck('message:send', { clientId: 'visitor-msg-0002', text: 'x'.repeat(5001) });
  expect(tooLong).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  const operator = await visitor.emitWithAck('message:send', {
    clientId: { $gt: '' }, text: 'hi',
  } as unknown as { clientId: string; text: string });
  expect(operator).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  expect(visitor.connected).toBe(true);
  visitor.disconnect();
});

test('an unknown site key or a missing agent token is refused at the handshake', async () => {
  await expect(connectVisitor(server.url, { siteKey: 'no-such-site-key' })).rejects.toMatchObject({
    data: { code: 'SITE_NOT_FOUND' },
  });
  await expect(connectAgent(server.url, 'x'.repeat(43))).rejects.toMatchObject({
    data: { code: 'UNAUTHENTICATED' },
  });
});

test('a second agent cannot claim a conversation another agent holds', async () => {
  const { token } = await login(server.url, server.admin.email, server.admin.password);
  const admin = await connectAgent(server.url, token);
  const { socket: visitor } = await connectVisitor(server.url, { siteKey: server.site.key });
  const sent = unwrap(await visitor.emitWithAck('message:send', { clientId: 'visitor-msg-0001', text: 'help' }));
  const { hashPassword } = await import('./domain/password');
  await server.store.createAgent({
    siteId: server.site.id, email: 'second@example.test', name: 'Second', role: 'agent',
    passwordHash: await hashPassword('another long password'),
  });
  const second = await connectAgent(server.url, (await login(server.url, 'second@example.test', 'another long password')).token);

  const [a, b] = await Promise.all([
    admin.emitWithAck('conversation:claim', { conversationId: sent.conversationId }),
    second.emitWithAck('conversation:claim', { conversationId: sent.conversationId }),
  ]);
  const outcomes = [a, b].map((r) => (r.ok ? 'won' : r.error.code)).sort();
  expect(outcomes).toEqual(['ALREADY_ASSIGNED', 'won']);
  admin.disconnect();
  second.disconnect();
  visitor.disconnect();
});
