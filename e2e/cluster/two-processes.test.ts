/** Two Parley processes, one Redis and one store: a visitor on one and an agent on the other chat as one. */
import type { Conversation, Message } from '@parley/shared';
import { startParley, type ParleyProcess } from '../support/parley-process';
import { startRedis, type RedisServer } from '../support/redis-server';
import { connectAgent, connectVisitor, eventMatching, siteKeyOf, unwrap } from '../support/socket-clients';

let redis: RedisServer;
let first: ParleyProcess;
let second: ParleyProcess;

beforeAll(async () => {
  redis = await startRedis();
  first = await startParley({ env: { REDIS_URL: redis.url } });
  // The second process shares the first one's data directory: one SQLite store, two servers.
  second = await startParley({ dataDir: first.dataDir, env: { REDIS_URL: redis.url } });
}, 60_000);

afterAll(async () => {
  await Promise.all([first?.stop(), second?.stop()]);
  await redis?.stop();
});

test('a visitor on process A and an agent on process B exchange messages live', async () => {
  const siteKey = await siteKeyOf(first.url);
  const agent = await connectAgent(second.url, second.admin.email, second.admin.password);
  const { socket: visitor } = await connectVisitor(first.url, { siteKey });

  const agentSees = eventMatching<Message>(agent, 'message:new', (m) => m.text === 'hello from A');
  const assigned = eventMatching<Conversation>(visitor, 'conversation:updated', (c) => c.status === 'assigned');
  const sent = unwrap(await visitor.emitWithAck('message:send', { clientId: 'cluster-msg-001', text: 'hello from A' }));
  await agentSees;
  expect((await assigned).assignedAgentId).toBeTruthy();

  const visitorSees = eventMatching<Message>(visitor, 'message:new', (m) => m.text === 'hello from B');
  unwrap(await agent.emitWithAck('message:send', {
    conversationId: sent.conversationId, clientId: 'cluster-msg-002', text: 'hello from B',
  }));
  expect((await visitorSees).author).toMatchObject({ kind: 'agent' });

  agent.disconnect();
  visitor.disconnect();
});

test('an agent console open on process B keeps the agent online when a console on A closes', async () => {
  const onA = await connectAgent(first.url, first.admin.email, first.admin.password);
  const onB = await connectAgent(second.url, second.admin.email, second.admin.password);
  onA.disconnect();
  // Process A counts the agent's consoles on every process through Redis before marking offline.
  const statusAfter = await new Promise<string>((resolve) => {
    setTimeout(async () => {
      const agents = unwrap(await onB.emitWithAck('agent:list', {}));
      resolve(agents.find((a) => a.email === first.admin.email)?.status ?? 'missing');
    }, 9_000);
  });
  expect(statusAfter).toBe('online');
  onB.disconnect();
}, 20_000);
