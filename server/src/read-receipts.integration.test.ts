/** Read receipts: each side learns how far the other has read; marks only move forward. */
import type { ReadState } from '@parley/shared';
import { connectAgent, connectVisitor, eventMatching, login, unwrap } from './test-support/clients';
import { startTestServer, type TestServer } from './test-support/test-server';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.stop();
});

test('the agent reading marks the visitor messages read for every visitor tab, and the reverse', async () => {
  const agent = await connectAgent(server.url, (await login(server.url, server.admin.email, server.admin.password)).token);
  const first = await connectVisitor(server.url, { siteKey: server.site.key });
  const secondTab = await connectVisitor(server.url, { siteKey: server.site.key, visitorToken: first.session.visitorToken });
  const one = unwrap(await first.socket.emitWithAck('message:send', { clientId: 'read-msg-0001', text: 'one' }));
  unwrap(await first.socket.emitWithAck('message:send', { clientId: 'read-msg-0002', text: 'two' }));

  const seenInOtherTab = eventMatching<ReadState>(secondTab.socket, 'conversation:read', (s) => s.agentSeq === 2);
  agent.emit('message:read', { conversationId: one.conversationId, seq: 2 });
  expect(await seenInOtherTab).toEqual({ conversationId: one.conversationId, visitorSeq: 0, agentSeq: 2 });

  unwrap(await agent.emitWithAck('message:send', { conversationId: one.conversationId, clientId: 'read-msg-0003', text: 'hi' }));
  const agentSees = eventMatching<ReadState>(agent, 'conversation:read', (s) => s.visitorSeq === 3);
  first.socket.emit('message:read', { seq: 3 });
  await agentSees;

  // Marks never go back, and never past the last message.
  agent.emit('message:read', { conversationId: one.conversationId, seq: 1 });
  first.socket.emit('message:read', { seq: 999 });
  const history = unwrap(await agent.emitWithAck('conversation:open', { conversationId: one.conversationId }));
  expect(history.read).toEqual({ conversationId: one.conversationId, visitorSeq: 3, agentSeq: 2 });
  const visitorView = unwrap(await first.socket.emitWithAck('conversation:history', {}));
  expect(visitorView?.read?.agentSeq).toBe(2);

  for (const s of [agent, first.socket, secondTab.socket]) s.disconnect();
});
