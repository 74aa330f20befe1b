/** Routing over real sockets: capacity, no double assignment, fairness, FIFO, timeouts, agent loss, transfer. */
import { VISITOR_NAMESPACE, type Conversation, type Message, type QueuePosition } from '@parley/shared';
import { io } from 'socket.io-client';
import { addAgent } from './test-support/agents';
import { connectVisitor, eventMatching, nextEvent, unwrap, type VisitorClient } from './test-support/clients';
import { startTestServer, type TestServer } from './test-support/test-server';

let server: TestServer;
let clockOffsetMs = 0;

beforeEach(async () => {
  clockOffsetMs = 0;
  server = await startTestServer({ now: () => new Date(Date.now() + clockOffsetMs) });
});
afterEach(() => server.stop());

async function visitorWrites(text: string, locale?: string): Promise<{ socket: VisitorClient; conversationId: string }> {
  const { socket } = await connectVisitor(server.url, { siteKey: server.site.key, ...(locale ? { locale } : {}) });
  server.track(socket);
  const message = unwrap(await socket.emitWithAck('message:send', { clientId: `c-${Math.random().toString(36).slice(2, 12)}`, text }));
  return { socket, conversationId: message.conversationId };
}

async function assignments(): Promise<Map<string, number>> {
  const open = await server.store.listConversations({ siteId: server.site.id, statuses: ['assigned'] });
  const counts = new Map<string, number>();
  open.forEach((c) => counts.set(c.assignedAgentId as string, (counts.get(c.assignedAgentId as string) ?? 0) + 1));
  return counts;
}

async function connectedAgent(options: Parameters<typeof addAgent>[1]) {
  const connected = await addAgent(server, options);
  server.track(connected.socket);
  return connected;
}

test('30 visitors at once against 3 agents of capacity 4: 12 assigned, none beyond capacity, none twice', async () => {
  const agents = await Promise.all([1, 2, 3].map((n) => connectedAgent({ name: `Agent ${n}`, maxChats: 4 })));
  await Promise.all(Array.from({ length: 30 }, (_, i) => visitorWrites(`hello ${i}`)));
  await server.app.routing.routeSite(server.site.id);

  const counts = await assignments();
  expect([...counts.values()]).toEqual([4, 4, 4]);
  expect([...counts.keys()].sort()).toEqual(agents.map((a) => a.agent.id).sort());
  const queue = await server.store.listQueue(server.site.id);
  expect(queue).toHaveLength(18);
});

test('round robin is fair to within one chat', async () => {
  await Promise.all([1, 2, 3].map((n) => connectedAgent({ name: `Agent ${n}`, maxChats: 20 })));
  for (let i = 0; i < 10; i += 1) await visitorWrites(`visitor ${i}`);
  const counts = [...(await assignments()).values()];
  expect(counts.reduce((a, b) => a + b, 0)).toBe(10);
  expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
});

test('a waiting visitor sees their place; when a slot frees, the longest waiting one is assigned at once', async () => {
  const { socket: agentSocket, agent } = await connectedAgent({ name: 'Solo', maxChats: 1 });
  const first = await visitorWrites('first');
  const secondVisitor = await connectVisitor(server.url, { siteKey: server.site.key });
  server.track(secondVisitor.socket);
  const secondPosition = nextEvent<QueuePosition>(secondVisitor.socket, 'queue:position');
  unwrap(await secondVisitor.socket.emitWithAck('message:send', { clientId: 'second-0001', text: 'second' }));
  expect(await secondPosition).toMatchObject({ position: 1 });
  const third = await visitorWrites('third');

  const secondAssigned = nextEvent<Conversation>(secondVisitor.socket, 'conversation:updated');
  unwrap(await agentSocket.emitWithAck('conversation:resolve', { conversationId: first.conversationId }));
  expect(await secondAssigned).toMatchObject({ status: 'assigned', assignedAgentId: agent.id });
  const thirdConversation = await server.store.findConversation(third.conversationId);
  expect(thirdConversation?.status).toBe('queued');
});

test('a waiting visitor who reloads the page, or opens another tab, sees their place again at once', async () => {
  await visitorWrites('first in line');
  const { socket: firstTab, session } = await connectVisitor(server.url, { siteKey: server.site.key });
  server.track(firstTab);
  const told = nextEvent<QueuePosition>(firstTab, 'queue:position');
  const { conversationId } = unwrap(await firstTab.emitWithAck('message:send', { clientId: 'reload-0001', text: 'still here?' }));
  expect(await told).toMatchObject({ conversationId, position: 2 });
  firstTab.disconnect();

  // The reloaded page: the same visitor, a new connection, and nobody has moved in the queue since.
  const reloaded: VisitorClient = io(`${server.url}${VISITOR_NAMESPACE}`, {
    auth: { siteKey: server.site.key, visitorToken: session.visitorToken }, transports: ['websocket'], forceNew: true, reconnection: false, autoConnect: false,
  });
  server.track(reloaded);
  const toldAgain = nextEvent<QueuePosition>(reloaded, 'queue:position');
  reloaded.connect();
  expect(await toldAgain).toMatchObject({ conversationId, position: 2, estimatedWaitSeconds: expect.any(Number) });
  expect(unwrap(await reloaded.emitWithAck('conversation:history', {}))?.conversation).toMatchObject({ id: conversationId, status: 'queued' });
});

test('a queued chat is assigned the moment an agent comes online', async () => {
  const waiting = await visitorWrites('anyone there?');
  const assigned = nextEvent<Conversation>(waiting.socket, 'conversation:updated');
  const { agent } = await connectedAgent({ name: 'Late' });
  expect(await assigned).toMatchObject({ status: 'assigned', assignedAgentId: agent.id });
});

test('the visitor language picks the agent who speaks it', async () => {
  await connectedAgent({ name: 'English', languages: ['en'] });
  const { agent: russian } = await connectedAgent({ name: 'Russian', languages: ['ru', 'en'] });
  const { conversationId } = await visitorWrites('Здравствуйте', 'ru-RU');
  expect((await server.store.findConversation(conversationId))?.assignedAgentId).toBe(russian.id);
});

test('an agent who does not answer in time loses the chat to the next agent', async () => {
  await server.store.updateSiteSettings(server.site.id, { assignTimeoutSeconds: 30 });
  const slow = await connectedAgent({ name: 'Slow' });
  const { conversationId } = await visitorWrites('hello?');
  expect((await server.store.findConversation(conversationId))?.assignedAgentId).toBe(slow.agent.id);
  const quick = await connectedAgent({ name: 'Quick', maxChats: 4 });
  // Quick came online with a free slot, but the chat stays with Slow until the limit passes.
  expect((await server.store.findConversation(conversationId))?.assignedAgentId).toBe(slow.agent.id);

  clockOffsetMs = 31_000;
  await server.app.routing.sweep();
  expect((await server.store.findConversation(conversationId))?.assignedAgentId).toBe(quick.agent.id);
});

test('an agent who answered keeps the chat through going offline and online: not awaiting, not handed back after the timeout', async () => {
  await server.store.updateSiteSettings(server.site.id, { assignTimeoutSeconds: 30 });
  const admin = await connectedAgent({ name: 'Admin', maxChats: 4 });
  const answered = await visitorWrites('hello');
  const waiting = await visitorWrites('anyone there?');
  unwrap(await admin.socket.emitWithAck('message:send', { conversationId: answered.conversationId, clientId: 'reply-00001', text: 'Hi, how can I help?' }));
  // A note for colleagues after the answer leaves the visitor answered.
  unwrap(await admin.socket.emitWithAck('message:send', { conversationId: answered.conversationId, clientId: 'note-000001', text: 'Asked about invoices', internal: true }));

  // Offline then online again: both chats are handed back and given to Admin once more.
  unwrap(await admin.socket.emitWithAck('agent:status', { status: 'offline' }));
  expect((await server.store.findConversation(answered.conversationId))?.status).toBe('queued');
  unwrap(await admin.socket.emitWithAck('agent:status', { status: 'online' }));
  expect(await server.store.findConversation(answered.conversationId)).toMatchObject({ assignedAgentId: admin.agent.id, awaitingAgentSince: null });
  const stillWaiting = await server.store.findConversation(waiting.conversationId);
  expect(stillWaiting).toMatchObject({ assignedAgentId: admin.agent.id, awaitingAgentSince: stillWaiting?.assignedAt });

  // Past the limit (within the consoles' presence timeout): only the chat whose visitor waits goes back.
  const toldWhy = eventMatching<Message>(admin.socket, 'message:new', (m) => m.event?.type === 'unanswered');
  clockOffsetMs = 31_000;
  await server.app.routing.sweep();
  expect(await toldWhy).toMatchObject({ conversationId: waiting.conversationId, text: 'Back in the queue: Admin did not answer within 30 seconds' });
  expect(await server.store.findConversation(answered.conversationId)).toMatchObject({
    status: 'assigned', assignedAgentId: admin.agent.id, awaitingAgentSince: null,
  });
  const history = await server.store.listMessages({ conversationId: answered.conversationId });
  expect(history.filter((m) => m.event?.type === 'unanswered')).toEqual([]);
});

test('a claimed chat left unanswered goes back to the queue with a line for the agents saying why; the visitor is not told who', async () => {
  await server.store.updateSiteSettings(server.site.id, { routingMode: 'pick', assignTimeoutSeconds: 30 });
  const bea = await connectedAgent({ name: 'Bea Agent' });
  const colleague = await connectedAgent({ name: 'Colleague' });
  const { socket: visitor, conversationId } = await visitorWrites('hello?');
  unwrap(await bea.socket.emitWithAck('conversation:claim', { conversationId }));
  const visitorLines: Message[] = [];
  visitor.on('message:new', (message) => visitorLines.push(message));
  const toBea = eventMatching<Message>(bea.socket, 'message:new', (m) => m.event?.type === 'unanswered');
  const toColleague = eventMatching<Message>(colleague.socket, 'message:new', (m) => m.event?.type === 'unanswered');
  const backInQueue = eventMatching<Conversation>(visitor, 'conversation:updated', (c) => c.status === 'queued');

  // Past the limit, within the consoles' presence timeout (their heartbeats run on the real clock).
  clockOffsetMs = 31_000;
  await server.app.routing.sweep();
  const line = await toBea;
  expect(line).toMatchObject({
    conversationId, internal: true, author: { kind: 'system' },
    event: { type: 'unanswered', agent: 'Bea Agent', agentId: bea.agent.id, seconds: 30 },
    text: 'Back in the queue: Bea Agent did not answer within 30 seconds',
  });
  expect((await toColleague).id).toBe(line.id);
  await backInQueue;
  expect((await server.store.findConversation(conversationId))?.status).toBe('queued');
  // The history keeps it for every agent who opens the chat; the visitor's copy never had it.
  const opened = unwrap(await colleague.socket.emitWithAck('conversation:open', { conversationId }));
  expect(opened.messages.filter((m) => m.event?.type === 'unanswered')).toHaveLength(1);
  const history = unwrap(await visitor.emitWithAck('conversation:history', { afterSeq: 0 }));
  expect(history?.messages.map((m) => m.text)).toEqual(['hello?']);
  expect(visitorLines).toEqual([]);

  // A second sweep finds nothing more to hand back and writes nothing more.
  await server.app.routing.sweep();
  const again = unwrap(await colleague.socket.emitWithAck('conversation:open', { conversationId }));
  expect(again.messages.filter((m) => m.event?.type === 'unanswered')).toHaveLength(1);
});

test('the agent who lost an unanswered chat hears why even when another agent took it before the line was written', async () => {
  await server.store.updateSiteSettings(server.site.id, { routingMode: 'pick', assignTimeoutSeconds: 30 });
  const bea = await connectedAgent({ name: 'Bea Agent' });
  const colleague = await connectedAgent({ name: 'Colleague' });
  const { conversationId } = await visitorWrites('hello?');
  unwrap(await bea.socket.emitWithAck('conversation:claim', { conversationId }));
  // Between the requeue and the history line, the colleague claims it, as another process could.
  const findAgent = server.store.findAgentById.bind(server.store);
  jest.spyOn(server.store, 'findAgentById').mockImplementationOnce(async (id) => {
    unwrap(await colleague.socket.emitWithAck('conversation:claim', { conversationId }));
    return findAgent(id);
  });
  const toBea = eventMatching<Message>(bea.socket, 'message:new', (m) => m.event?.type === 'unanswered');

  clockOffsetMs = 31_000;
  await server.app.routing.sweep();
  expect(await toBea).toMatchObject({ conversationId, event: { agentId: bea.agent.id, seconds: 30 } });
  expect((await server.store.findConversation(conversationId))?.assignedAgentId).toBe(colleague.agent.id);
});

test('an agent whose console closes hands their chats back, and another agent gets them', async () => {
  const leaving = await addAgent(server, { name: 'Leaving' });
  const { conversationId } = await visitorWrites('help');
  expect((await server.store.findConversation(conversationId))?.assignedAgentId).toBe(leaving.agent.id);
  const staying = await connectedAgent({ name: 'Staying' });
  const reassigned = eventMatching<Conversation>(
    staying.socket, 'conversation:updated', (c) => c.id === conversationId && c.assignedAgentId === staying.agent.id,
  );
  leaving.socket.disconnect();
  await reassigned;
  expect((await server.store.findAgentById(leaving.agent.id))?.status).toBe('offline');
});

test('a console that goes silent (its process died) is marked offline by the sweep of another', async () => {
  const ghost = await connectedAgent({ name: 'Ghost' });
  clockOffsetMs = 60_000;
  // The heartbeat is written with the real time; the sweep judges by the moved clock.
  await server.app.routing.sweep();
  expect((await server.store.findAgentById(ghost.agent.id))?.status).toBe('offline');
});

test('transfer to another agent with a note that only agents see; transfer to a department queue; each leaves a line in the history', async () => {
  const support = await server.store.createDepartment({ siteId: server.site.id, name: 'Support' });
  const first = await connectedAgent({ name: 'First' });
  const { conversationId, socket: visitor } = await visitorWrites('I need billing help');
  const second = await connectedAgent({ name: 'Second' });
  const visitorSaw: Message[] = [];
  visitor.on('message:new', (m) => visitorSaw.push(m));
  const transferred = { type: 'transferred', from: 'First', to: 'Second' };

  const moved = unwrap(
    await first.socket.emitWithAck('conversation:transfer', { conversationId, toAgentId: second.agent.id, note: 'VIP customer' }),
  );
  expect(moved.assignedAgentId).toBe(second.agent.id);
  const transcript = unwrap(await second.socket.emitWithAck('conversation:open', { conversationId }));
  expect(transcript.messages.map((m) => [m.seq, m.author.kind, m.internal])).toEqual([[1, 'visitor', false], [2, 'system', false], [3, 'agent', true]]);
  expect(transcript.messages[1]).toMatchObject({ event: transferred, text: 'First transferred the chat to Second' });
  expect(transcript.messages[2]).toMatchObject({ text: 'VIP customer' });
  const visitorView = unwrap(await visitor.emitWithAck('conversation:history', {}));
  expect(visitorView?.messages.map((m) => m.event ?? m.text)).toEqual(['I need billing help', transferred]);
  // The chat list still previews what people wrote.
  expect((await server.store.findConversation(conversationId))?.lastMessagePreview?.text).toBe('VIP customer');

  const refused = await first.socket.emitWithAck('conversation:transfer', { conversationId, toAgentId: first.agent.id });
  expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

  const supportAgent = await connectedAgent({ name: 'Supporter', departmentIds: [support.id] });
  await second.socket.emitWithAck('agent:status', { status: 'away' });
  await first.socket.emitWithAck('agent:status', { status: 'away' });
  const requeuedHeard = eventMatching<Message>(visitor, 'message:new', (m) => m.event?.type === 'requeued');
  const toDepartment = unwrap(await second.socket.emitWithAck('conversation:transfer', { conversationId, toDepartmentId: support.id }));
  expect(toDepartment.departmentId).toBe(support.id);
  expect((await server.store.findConversation(conversationId))?.assignedAgentId).toBe(supportAgent.agent.id);
  // Told live, in order; the internal note never.
  await requeuedHeard;
  expect(visitorSaw.map((m) => m.event)).toEqual([transferred, { type: 'requeued', from: 'Second', department: 'Support' }]);
});

test('inviting a colleague leaves one line in the history, seen live by the visitor and the agents', async () => {
  const host = await connectedAgent({ name: 'Host' });
  const { conversationId, socket: visitor } = await visitorWrites('a tricky one');
  const helper = await connectedAgent({ name: 'Helper' });
  const visitorHears = eventMatching<Message>(visitor, 'message:new', (m) => m.author.kind === 'system');
  const helperHears = eventMatching<Message>(helper.socket, 'message:new', (m) => m.author.kind === 'system');

  const invited = unwrap(await host.socket.emitWithAck('conversation:invite', { conversationId, agentId: helper.agent.id }));
  const line = { type: 'invited', by: 'Host', agent: 'Helper' };
  expect(invited).toMatchObject({ participantAgentIds: [helper.agent.id], lastSeq: 2 });
  expect((await visitorHears).event).toEqual(line);
  expect((await helperHears).event).toEqual(line);

  // Asked again: still one helper and one line.
  unwrap(await host.socket.emitWithAck('conversation:invite', { conversationId, agentId: helper.agent.id }));
  const messages = await server.store.listMessages({ conversationId });
  expect(messages.map((m) => m.event ?? m.text)).toEqual(['a tricky one', line]);
});

test('pick mode: nothing is auto-assigned; an agent claims within capacity', async () => {
  await server.store.updateSiteSettings(server.site.id, { routingMode: 'pick' });
  const picker = await connectedAgent({ name: 'Picker', maxChats: 1 });
  const a = await visitorWrites('a');
  const b = await visitorWrites('b');
  expect((await server.store.findConversation(a.conversationId))?.status).toBe('queued');
  unwrap(await picker.socket.emitWithAck('conversation:claim', { conversationId: a.conversationId }));
  const overCapacity = await picker.socket.emitWithAck('conversation:claim', { conversationId: b.conversationId });
  expect(overCapacity).toMatchObject({ ok: false, error: { code: 'CAPACITY_REACHED' } });
});
