/** Agents see whether the visitor of an open chat is still on the site: gone once their last page closed. */
import type { Conversation } from '@parley/shared';
import type { Socket } from 'socket.io-client';
import { connectAgent, connectVisitor, eventMatching, login, unwrap } from './test-support/clients';
import { startTestServer, type TestServer } from './test-support/test-server';

const GRACE_MS = 300;
let server: TestServer;
beforeEach(async () => {
  server = await startTestServer({ reconnectGraceMs: GRACE_MS });
});
afterEach(async () => {
  await server.stop();
});

async function signedInAgent() {
  return connectAgent(server.url, (await login(server.url, server.admin.email, server.admin.password)).token);
}

/** Every `conversation:updated` the agent receives for one chat, in order. */
function updatesOf(agent: Socket, conversationId: string): Conversation[] {
  const seen: Conversation[] = [];
  agent.on('conversation:updated', (c: Conversation) => c.id === conversationId && seen.push(c));
  return seen;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('the chat reads as left once the last of the visitor’s pages closes, and as on the site when they come back', async () => {
  const agent = await signedInAgent();
  const firstTab = await connectVisitor(server.url, { siteKey: server.site.key });
  const secondTab = await connectVisitor(server.url, { siteKey: server.site.key, visitorToken: firstTab.session.visitorToken });
  const { conversationId } = unwrap(await firstTab.socket.emitWithAck('message:send', { clientId: 'presence-0001', text: 'Hello?' }));
  const updates = updatesOf(agent, conversationId);

  // One of two tabs closing is not leaving.
  firstTab.socket.disconnect();
  await pause(GRACE_MS * 3);
  expect(updates.filter((c) => c.visitorLeftAt !== null)).toEqual([]);

  const left = eventMatching<Conversation>(agent, 'conversation:updated', (c) => c.id === conversationId && c.visitorLeftAt !== null);
  const closedAt = Date.now();
  secondTab.socket.disconnect();
  const gone = await left;
  expect(Date.parse(gone.visitorLeftAt ?? '')).toBeGreaterThanOrEqual(closedAt - 1000);
  // Agents opening the chat later read it too.
  const opened = unwrap(await agent.emitWithAck('conversation:open', { conversationId }));
  expect(opened.conversation.visitorLeftAt).toBe(gone.visitorLeftAt);

  const back = eventMatching<Conversation>(agent, 'conversation:updated', (c) => c.id === conversationId && c.visitorLeftAt === null);
  const returned = await connectVisitor(server.url, { siteKey: server.site.key, visitorToken: firstTab.session.visitorToken });
  expect((await back).status).not.toBe('resolved');
  expect(unwrap(await agent.emitWithAck('conversation:open', { conversationId })).conversation.visitorLeftAt).toBeNull();

  returned.socket.disconnect();
  agent.disconnect();
});

test('moving to another page within the grace period does not read as leaving', async () => {
  const agent = await signedInAgent();
  const page = await connectVisitor(server.url, { siteKey: server.site.key });
  const { conversationId } = unwrap(await page.socket.emitWithAck('message:send', { clientId: 'presence-0002', text: 'Hi' }));
  const updates = updatesOf(agent, conversationId);

  page.socket.disconnect();
  await pause(GRACE_MS / 3);
  const nextPage = await connectVisitor(server.url, { siteKey: server.site.key, visitorToken: page.session.visitorToken });
  await pause(GRACE_MS * 3);
  expect(updates.filter((c) => c.visitorLeftAt !== null)).toEqual([]);

  nextPage.socket.disconnect();
  agent.disconnect();
});

test('a visitor whose page no process vouches for any more reads as left, and one still connected never does', async () => {
  // A grace longer than the test: only the heartbeat can notice, as when a process is killed.
  const heartbeatServer = await startTestServer({ reconnectGraceMs: 60_000, visitorHeartbeatMs: 100 });
  try {
    const agent = await connectAgent(heartbeatServer.url, (await login(heartbeatServer.url, heartbeatServer.admin.email, heartbeatServer.admin.password)).token);
    const staying = await connectVisitor(heartbeatServer.url, { siteKey: heartbeatServer.site.key });
    const going = await connectVisitor(heartbeatServer.url, { siteKey: heartbeatServer.site.key });
    const stayingChat = unwrap(await staying.socket.emitWithAck('message:send', { clientId: 'presence-0003', text: 'Still here' }));
    const goingChat = unwrap(await going.socket.emitWithAck('message:send', { clientId: 'presence-0004', text: 'Gone soon' }));
    const stayingUpdates = updatesOf(agent, stayingChat.conversationId);

    const left = eventMatching<Conversation>(agent, 'conversation:updated', (c) => c.id === goingChat.conversationId && c.visitorLeftAt !== null);
    going.socket.disconnect();
    expect(Date.parse((await left).visitorLeftAt ?? '')).toBeLessThanOrEqual(Date.now());
    await pause(1000); // ten beats
    expect(stayingUpdates.filter((c) => c.visitorLeftAt !== null)).toEqual([]);

    staying.socket.disconnect();
    agent.disconnect();
  } finally {
    await heartbeatServer.stop();
  }
});
