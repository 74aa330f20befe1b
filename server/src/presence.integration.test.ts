/** Presence over real sockets: an agent's own choice of status outlives their consoles; a dropped console does not. */
import type { Conversation } from '@parley/shared';
import { addAgent, type ConnectedAgent } from './test-support/agents';
import { connectAgent, connectVisitor, unwrap, type AgentClient } from './test-support/clients';
import { startTestServer, type TestServer } from './test-support/test-server';
import { until } from './test-support/until';

let server: TestServer;

beforeEach(async () => {
  server = await startTestServer();
});
afterEach(() => server.stop());

async function connectedAgent(name: string): Promise<ConnectedAgent> {
  const connected = await addAgent(server, { name });
  server.track(connected.socket);
  return connected;
}

/** A new console of the agent (a reload, a reconnect), once the server has told it who it is. */
async function reconnect({ token }: ConnectedAgent): Promise<AgentClient> {
  const socket = await connectAgent(server.url, token);
  server.track(socket);
  return socket;
}

const statusOf = async ({ agent }: ConnectedAgent) => (await server.store.findAgentById(agent.id))?.status;

/** Closes the agent's only console; the server marks them offline after its grace period. */
async function closeConsole(connected: ConnectedAgent): Promise<void> {
  connected.socket.disconnect();
  await until(async () => (await statusOf(connected)) === 'offline');
}

async function visitorWrites(text: string): Promise<string> {
  const { socket } = await connectVisitor(server.url, { siteKey: server.site.key });
  server.track(socket);
  return unwrap(await socket.emitWithAck('message:send', { clientId: `c-${Math.random().toString(36).slice(2, 12)}`, text })).conversationId;
}

test('an agent who chose Offline stays offline through a reconnect, and no chat is routed to them', async () => {
  const chooser = await connectedAgent('Chooser');
  const chosen = unwrap(await chooser.socket.emitWithAck('agent:status', { status: 'offline' }));
  expect(chosen.status).toBe('offline');

  await closeConsole(chooser);
  const console2 = await reconnect(chooser);
  expect(await statusOf(chooser)).toBe('offline');

  const conversationId = await visitorWrites('anyone there?');
  await server.app.routing.routeSite(server.site.id);
  expect((await server.store.findConversation(conversationId))?.status).toBe('queued');

  // Choosing Online again takes the waiting chat.
  unwrap(await console2.emitWithAck('agent:status', { status: 'online' }));
  expect(await server.store.findConversation(conversationId)).toMatchObject<Partial<Conversation>>({
    status: 'assigned', assignedAgentId: chooser.agent.id,
  });
});

test('an agent who chose Away comes back away, not online, after their console dropped', async () => {
  const resting = await connectedAgent('Resting');
  unwrap(await resting.socket.emitWithAck('agent:status', { status: 'away' }));
  await closeConsole(resting);
  await reconnect(resting);
  expect(await statusOf(resting)).toBe('away');
});

test('an agent whose console dropped comes back online on reconnect and gets waiting chats', async () => {
  const dropped = await connectedAgent('Dropped');
  await closeConsole(dropped);
  const conversationId = await visitorWrites('hello?');
  expect((await server.store.findConversation(conversationId))?.status).toBe('queued');

  await reconnect(dropped);
  expect(await statusOf(dropped)).toBe('online');
  expect((await server.store.findConversation(conversationId))?.assignedAgentId).toBe(dropped.agent.id);
});

test("an agent's choice of Offline survives a server restart", async () => {
  const chooser = await connectedAgent('Chooser');
  unwrap(await chooser.socket.emitWithAck('agent:status', { status: 'offline' }));
  await server.stop();
  server = await startTestServer({ dataDir: server.dataDir });

  await reconnect(chooser);
  expect(await statusOf(chooser)).toBe('offline');
  const conversationId = await visitorWrites('after the restart');
  expect((await server.store.findConversation(conversationId))?.status).toBe('queued');
});
