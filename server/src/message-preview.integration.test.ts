/** The chat list's preview of the latest message, over real sockets: agents see a note's preview, the visitor never. */
import type { Conversation } from '@parley/shared';
import { addAgent } from './test-support/agents';
import { connectVisitor, eventMatching, unwrap } from './test-support/clients';
import { startTestServer, type TestServer } from './test-support/test-server';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(() => server.stop());

test("an internal note's text reaches agents' chat lists but nothing the visitor is sent", async () => {
  const ann = await addAgent(server, { name: 'Ann' });
  const { socket: visitor } = await connectVisitor(server.url, { siteKey: server.site.key });
  server.track(ann.socket, visitor);
  const visitorFrames: string[] = [];
  visitor.onAny((event: string, ...args: unknown[]) => visitorFrames.push(`${event} ${JSON.stringify(args)}`));
  const assigned = eventMatching<Conversation>(visitor, 'conversation:updated', (c) => c.status === 'assigned');
  const asked = unwrap(await visitor.emitWithAck('message:send', { clientId: 'visitor-asks-0001', text: 'Where is my parcel?' }));
  const { conversationId } = asked;
  await assigned;

  const secret = 'VIP customer, refund without asking';
  unwrap(await ann.socket.emitWithAck('message:send', { conversationId, clientId: 'ann-notes-0001', text: secret, internal: true }));
  const listed = unwrap(await ann.socket.emitWithAck('conversation:list', {}));
  expect(listed.find((c) => c.id === conversationId)?.lastMessagePreview).toEqual({
    text: secret, authorKind: 'agent', authorId: ann.agent.id, internal: true,
  });

  // Everything that carries the conversation to the visitor while the note is its latest message.
  const history = unwrap(await visitor.emitWithAck('conversation:history', {}));
  expect(history?.conversation.lastMessagePreview).toBeNull();
  const resolvedForVisitor = eventMatching<Conversation>(visitor, 'conversation:updated', (c) => c.status === 'resolved');
  const resolved = unwrap(await ann.socket.emitWithAck('conversation:resolve', { conversationId }));
  expect(resolved.lastMessagePreview).toMatchObject({ text: secret });
  expect((await resolvedForVisitor).lastMessagePreview).toBeNull();
  const rated = unwrap(await visitor.emitWithAck('conversation:rate', { score: 5 }));
  expect(rated.lastMessagePreview).toBeNull();
  expect((await server.store.findConversation(conversationId))?.lastMessagePreview).toMatchObject({ text: secret, internal: true });
  expect(visitorFrames.length).toBeGreaterThan(0);
  expect(visitorFrames.filter((frame) => frame.includes('refund without asking'))).toEqual([]);
});
