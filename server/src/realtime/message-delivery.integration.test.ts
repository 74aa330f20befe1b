/** Who receives a visitor's message: the agent handling the chat and consoles that opened it; colleagues a digest. */
import type { ConversationActivity, Message } from '@parley/shared';
import { addAgent, type ConnectedAgent } from '../test-support/agents';
import { connectVisitor, eventMatching, unwrap, type VisitorClient } from '../test-support/clients';
import { startTestServer, type TestServer } from '../test-support/test-server';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(() => server.stop());

async function agentNamed(name: string): Promise<ConnectedAgent & { inbox: Message[] }> {
  const connected = await addAgent(server, { name });
  server.track(connected.socket);
  const inbox: Message[] = [];
  connected.socket.on('message:new', (message) => inbox.push(message));
  return { ...connected, inbox };
}

const say = async (visitor: VisitorClient, clientId: string) =>
  unwrap(await visitor.emitWithAck('message:send', { clientId, text: clientId }));

/** Ann, the only agent online, is handling a visitor's chat that began with 'first-message'. */
async function chatAssignedToAnn() {
  const ann = await agentNamed('Ann');
  const { socket: visitor } = await connectVisitor(server.url, { siteKey: server.site.key });
  server.track(visitor);
  const assigned = eventMatching(ann.socket, 'conversation:updated', (c: { status: string }) => c.status === 'assigned');
  const first = await say(visitor, 'first-message');
  await assigned;
  return { ann, visitor, first };
}

test("a colleague's console gets a digest of an assigned chat, and every message once it opens the chat", async () => {
  const { ann, visitor, first } = await chatAssignedToAnn();
  const bob = await agentNamed('Bob');

  const annHears = eventMatching<Message>(ann.socket, 'message:new', (m) => m.text === 'second-message');
  const bobDigest = eventMatching<ConversationActivity[]>(bob.socket, 'conversation:activity', (a) =>
    a.some((entry) => entry.conversationId === first.conversationId && entry.lastSeq === 2),
  );
  await say(visitor, 'second-message');
  expect((await annHears).seq).toBe(2);
  await bobDigest;
  // The digest went out after the message did: had Bob been sent the message, he would hold it now.
  expect(bob.inbox.map((m) => m.text)).toEqual([]);

  const opened = unwrap(await bob.socket.emitWithAck('conversation:open', { conversationId: first.conversationId }));
  expect(opened.messages.map((m) => m.text)).toEqual(['first-message', 'second-message']);
  const bobHears = eventMatching<Message>(bob.socket, 'message:new', (m) => m.text === 'third-message');
  await say(visitor, 'third-message');
  expect((await bobHears).seq).toBe(3);
});

test("an invitation's line reaches the chat's agents and visitor, and no colleague's digest", async () => {
  const { ann, visitor, first } = await chatAssignedToAnn();
  const [carl, bob] = [await agentNamed('Carl'), await agentNamed('Bob')];
  const bobSeqs: number[] = [];
  bob.socket.on('conversation:activity', (entries) =>
    entries.filter((e) => e.conversationId === first.conversationId).forEach((e) => bobSeqs.push(e.lastSeq)),
  );
  const visitorHears = eventMatching<Message>(visitor, 'message:new', (m) => m.event?.type === 'invited');

  unwrap(await ann.socket.emitWithAck('conversation:invite', { conversationId: first.conversationId, agentId: carl.agent.id }));
  expect((await visitorHears).seq).toBe(2);
  // Longer than a digest interval: a line noted in the digest would have gone out by now.
  await new Promise((resolve) => setTimeout(resolve, 1300));
  const bobDigest = eventMatching<ConversationActivity[]>(bob.socket, 'conversation:activity', (a) =>
    a.some((entry) => entry.conversationId === first.conversationId && entry.lastSeq === 3),
  );
  await say(visitor, 'second-message');
  await bobDigest;
  expect(bobSeqs).toEqual([3]);
  expect(ann.inbox.map((m) => m.event?.type ?? m.text)).toEqual(['first-message', 'invited', 'second-message']);
  expect(carl.inbox.map((m) => m.event?.type ?? m.text)).toEqual(['invited', 'second-message']);
  expect(bob.inbox).toEqual([]);
});

test("the visitor's other tabs get the message as it is sent; the sending tab has it in its acknowledgement only", async () => {
  const { socket: sendingTab, session } = await connectVisitor(server.url, { siteKey: server.site.key });
  const { socket: otherTab } = await connectVisitor(server.url, { siteKey: server.site.key, visitorToken: session.visitorToken });
  server.track(sendingTab, otherTab);
  const echoedToSender: Message[] = [];
  sendingTab.on('message:new', (message) => echoedToSender.push(message));
  const otherTabHears = eventMatching<Message>(otherTab, 'message:new', (m) => m.text === 'from-tab-one');

  const acknowledged = await say(sendingTab, 'from-tab-one');
  const heard = await otherTabHears;
  expect(heard).toEqual(acknowledged);
  // Anything sent to the sending tab was written before the other tab's copy: it would be here by now.
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(echoedToSender).toEqual([]);
});
