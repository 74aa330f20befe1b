/**
 * Around a Redis outage (a stand-in link here; e2e/cluster runs the real one): no agent is set offline
 * because only this process's consoles could be counted, and clients that stayed connected are told to
 * fetch what other processes sent meanwhile.
 */
import type { Agent } from '@parley/shared';
import type { ClusterLink } from './realtime/cluster-link';
import { connectAgent, connectVisitor, eventMatching, login, unwrap } from './test-support/clients';
import { startTestServer, type TestServer } from './test-support/test-server';

const GRACE_MS = 100;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A link the test takes down and brings back. */
function standInLink() {
  let complete = true;
  const listeners: (() => void)[] = [];
  const link: ClusterLink = {
    countsAreComplete: () => complete,
    onBroadcastsLost: (listener) => void listeners.push(listener),
  };
  return {
    link,
    down: () => (complete = false),
    back: () => {
      complete = true;
      listeners.forEach((listener) => listener());
    },
  };
}

let server: TestServer;
let cluster: ReturnType<typeof standInLink>;
beforeEach(async () => {
  cluster = standInLink();
  server = await startTestServer({ reconnectGraceMs: GRACE_MS, cluster: cluster.link });
});
afterEach(() => server.stop());

const adminStatus = async (watcher: Awaited<ReturnType<typeof connectAgent>>) =>
  unwrap(await watcher.emitWithAck('agent:list', {})).find((a: Agent) => a.email === server.admin.email)?.status;

test('a console closing while other processes cannot be counted does not set its agent offline until they can', async () => {
  const { token } = await login(server.url, server.admin.email, server.admin.password);
  const lastConsole = await connectAgent(server.url, token);
  const watcher = await connectAgent(server.url, (await login(server.url, server.admin.email, server.admin.password)).token);
  server.track(watcher);
  // The watcher is the same agent: close it first, so that one console is left, then lose the link and close that.
  watcher.disconnect();
  await pause(GRACE_MS * 3);
  expect(await adminStatus(lastConsole)).toBe('online');

  cluster.down();
  lastConsole.disconnect();
  await pause(GRACE_MS * 5);
  // Only this process's consoles could be counted: the agent's other console may be open elsewhere.
  expect((await server.store.findAgentWithSecretByEmail(server.admin.email))?.status).toBe('online');

  cluster.back();
  await pause(GRACE_MS * 3);
  // Counted again: no console anywhere, so she is offline now.
  expect((await server.store.findAgentWithSecretByEmail(server.admin.email))?.status).toBe('offline');
});

test('when the link returns, every client still connected is told to fetch what it missed', async () => {
  const agent = await connectAgent(server.url, (await login(server.url, server.admin.email, server.admin.password)).token);
  const visitor = await connectVisitor(server.url, { siteKey: server.site.key });
  server.track(agent, visitor.socket);
  const agentTold = eventMatching(agent, 'session:resync', () => true);
  const visitorTold = eventMatching(visitor.socket, 'session:resync', () => true);
  cluster.down();
  cluster.back();
  await expect(agentTold).resolves.toEqual({});
  await expect(visitorTold).resolves.toEqual({});
});
