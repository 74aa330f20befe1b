/** A dropped connection comes back: Socket.IO's recovery keys in the handshake must not be refused. */
import { AGENT_NAMESPACE, VISITOR_NAMESPACE, type Message } from '@parley/shared';
import { io } from 'socket.io-client';
import { login, nextEvent, unwrap, type AgentClient, type VisitorClient } from '../test-support/clients';
import { startTestServer, type TestServer } from '../test-support/test-server';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.stop();
});

test('visitor and agent sockets reconnect after a network drop and the chat goes on', async () => {
  const { token } = await login(server.url, server.admin.email, server.admin.password);
  const agent: AgentClient = io(`${server.url}${AGENT_NAMESPACE}`, { auth: { token }, transports: ['websocket'], forceNew: true });
  await nextEvent(agent, 'session:ready');
  const visitor: VisitorClient = io(`${server.url}${VISITOR_NAMESPACE}`, {
    auth: { siteKey: server.site.key }, transports: ['websocket'], forceNew: true, reconnectionDelay: 50,
  });
  await nextEvent(visitor, 'session:ready');
  const sent = unwrap(await visitor.emitWithAck('message:send', { clientId: 'before-drop-1', text: 'before' }));

  const refusals: unknown[] = [];
  visitor.on('connect_error', (error) => refusals.push(error));
  agent.on('connect_error', (error) => refusals.push(error));
  const visitorBack = nextEvent(visitor, 'session:ready');
  const agentBack = nextEvent(agent, 'session:ready');
  // Closing the engine (not socket.disconnect()) is what a network drop looks like to the client.
  visitor.io.engine.close();
  agent.io.engine.close();
  await Promise.all([visitorBack, agentBack]);
  expect(refusals).toEqual([]);

  const reply = nextEvent<Message>(visitor, 'message:new');
  unwrap(await agent.emitWithAck('message:send', { conversationId: sent.conversationId, clientId: 'after-drop-1', text: 'after' }));
  expect((await reply).text).toBe('after');
  visitor.disconnect();
  agent.disconnect();
});
