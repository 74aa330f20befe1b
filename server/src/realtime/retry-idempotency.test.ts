/** A client that resends a request (its ack was late, or the socket came back) gets the same answer twice. */
import { addAgent, type ConnectedAgent } from '../test-support/agents';
import { connectVisitor, unwrap } from '../test-support/clients';
import { startTestServer, type TestServer } from '../test-support/test-server';

let server: TestServer;
let agent: ConnectedAgent;
beforeAll(async () => {
  server = await startTestServer();
  await server.store.updateSiteSettings(server.site.id, { routingMode: 'pick' });
  agent = await addAgent(server, { maxChats: 5 });
});
afterAll(async () => {
  agent.socket.disconnect();
  await server.stop();
});

async function queuedConversation(): Promise<string> {
  const { socket } = await connectVisitor(server.url, { siteKey: server.site.key });
  const message = unwrap(await socket.emitWithAck('message:send', { clientId: `retry-${Date.now()}`, text: 'hello' }));
  socket.disconnect();
  return message.conversationId;
}

test('a claim and its resend racing each other both succeed for the agent who claimed', async () => {
  const conversationId = await queuedConversation();
  const [first, resend] = await Promise.all([
    agent.socket.emitWithAck('conversation:claim', { conversationId }),
    agent.socket.emitWithAck('conversation:claim', { conversationId }),
  ]);
  expect(unwrap(first).assignedAgentId).toBe(agent.agent.id);
  expect(unwrap(resend).assignedAgentId).toBe(agent.agent.id);
});

test('a reply and its resend into a queued chat store one message and both answer with it', async () => {
  const conversationId = await queuedConversation();
  const reply = { conversationId, clientId: 'agent-reply-resend-1', text: 'on it' };
  const [first, resend] = await Promise.all([
    agent.socket.emitWithAck('message:send', reply),
    agent.socket.emitWithAck('message:send', reply),
  ]);
  expect(unwrap(resend).id).toBe(unwrap(first).id);
  const stored = await server.store.listMessages({ conversationId });
  expect(stored.filter((m) => m.clientId === reply.clientId)).toHaveLength(1);
});

test('another agent claiming a taken chat is still refused', async () => {
  const conversationId = await queuedConversation();
  const other = await addAgent(server, { maxChats: 5 });
  unwrap(await agent.socket.emitWithAck('conversation:claim', { conversationId }));
  const refused = await other.socket.emitWithAck('conversation:claim', { conversationId });
  other.socket.disconnect();
  expect(refused).toMatchObject({ ok: false, error: { code: 'ALREADY_ASSIGNED' } });
});
