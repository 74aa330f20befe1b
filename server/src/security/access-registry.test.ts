/**
 * The registry walk: every socket event of both namespaces and every REST route of the app
 * (walked from the Express router stack) refuses a caller without credentials; admin writes
 * refuse a plain agent; and another tenant's ids answer exactly like ids that do not exist.
 */
import { AGENT_NAMESPACE, VISITOR_NAMESPACE, type AgentClientToServerEvents } from '@parley/shared';
import { io } from 'socket.io-client';
import { hashPassword } from '../domain/password';
import { connectAgent, connectVisitor, login, unwrap, type AgentClient, type VisitorClient } from '../test-support/clients';
import { openRawSocket } from '../test-support/raw-socket-client';
import { startTestServer, type TestServer } from '../test-support/test-server';
import { concretePath, listParleyRoutes, type RouteEntry } from './route-walk';
import { AGENT_EVENTS, VISITOR_EVENTS, eventNames } from './socket-event.registry';

/** Routes anyone may call, each with the reason. Any other route must demand a bearer token. */
const PUBLIC_ROUTES: Record<string, string> = {
  'GET /healthz': 'liveness for load balancers',
  'GET /metrics': 'Prometheus scrape; kept off the public internet at the proxy (docs/deploy.md)',
  'GET /widget.js': 'the loader every host page includes',
  'GET regexp:^\\/console(\\/.*)?$': 'the console app, whose first screen is sign-in',
  'GET /demo': 'the demo host page',
  'GET /': 'redirects to the demo',
  'GET /t/:token': "the requester's ticket page: the unguessable token is the credential",
  'POST /t/:token/reply': 'as above',
  'POST /t/:token/rating': 'as above',
  'GET /t/:token/files/:attachmentId': "the files of that ticket's public replies: the page's token is the credential",
  'GET /help/:siteKey': 'the public help centre',
  'GET /help/:siteKey/sitemap.xml': 'the public help centre',
  'GET /help/:siteKey/search': 'the public help centre',
  'GET /help/:siteKey/:lang/:slug': 'the public help centre',
  'POST /help/:siteKey/:lang/:slug/vote': 'the public help centre',
  'POST /api/agent/login': 'sign-in itself',
  'POST /api/agent/login/second-factor': "sign-in's second step: the short-lived challenge from the password step is the credential",
  'POST /api/agent/login/enrolment': 'setting up a required second factor during sign-in: the challenge is the credential',
  'POST /api/agent/login/enrolment/confirm': 'as above',
  'POST /api/agent/password/forgot': 'asks for a reset e-mail; answers alike whether the e-mail exists or not',
  'POST /api/agent/password/reset': 'the single-use e-mailed token is the credential',
  'GET /api/openapi.json': "the REST API's description: routes and shapes, no data",
  'GET /api/docs': 'the same description, rendered',
  'GET /api/widget/config': 'the public look and availability the widget reads before a visitor writes',
};
/** Under these prefixes only admins may write; agents may read. */
const ADMIN_WRITE_PREFIXES = ['/api/admin/', '/api/kb/'];
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const MISSING_ID = 'Zq3xMissingId00000000001';

const routes = listParleyRoutes();
const key = (route: RouteEntry) => `${route.method} ${route.path}`;
const isAdminWrite = (route: RouteEntry) => WRITES.has(route.method) && ADMIN_WRITE_PREFIXES.some((p) => route.path.startsWith(p));

let server: TestServer;
let plainAgentToken: string;
/** The other tenant: an admin of a second site, with its own console. */
let outsider: AgentClient;
/** Site A's records, which the outsider and a second visitor must not be able to tell from missing ones. */
const siteA = { conversation: '', ticket: '', visitor: '', canned: '', agent: '' };
let visitorB: VisitorClient;

async function agentOn(siteId: string, role: 'admin' | 'agent'): Promise<{ id: string; token: string }> {
  const email = `${role}.${Math.random().toString(36).slice(2)}@access.test`;
  const password = 'access test password';
  const agent = await server.store.createAgent({ siteId, email, name: `Access ${role}`, role, passwordHash: await hashPassword(password) });
  return { id: agent.id, token: (await login(server.url, email, password)).token };
}

beforeAll(async () => {
  server = await startTestServer();
  const { socket: visitorA, session } = await connectVisitor(server.url, { siteKey: server.site.key });
  siteA.visitor = session.visitorId;
  siteA.conversation = unwrap(await visitorA.emitWithAck('message:send', { clientId: 'access-a-0001', text: 'hello' })).conversationId;
  unwrap(await visitorA.emitWithAck('visitor:identify', { email: 'a@example.test' }));
  unwrap(await visitorA.emitWithAck('conversation:end', {}));
  unwrap(await visitorA.emitWithAck('ticket:create', { email: 'a@example.test', message: 'offline question' }));
  visitorA.disconnect();
  const [ticket] = await server.store.listVisitorTickets(server.site.id, siteA.visitor);
  siteA.ticket = ticket?.id ?? '';
  const plain = await agentOn(server.site.id, 'agent');
  siteA.agent = plain.id;
  plainAgentToken = plain.token;
  siteA.canned = (await server.store.saveCannedReply({ siteId: server.site.id, shortcut: 'hi', text: 'Hello!', departmentId: null, ownerAgentId: null })).id;

  const siteB = await server.store.createSite({ key: 'site_access_other', name: 'Other tenant' });
  outsider = await connectAgent(server.url, (await agentOn(siteB.id, 'admin')).token);
  visitorB = (await connectVisitor(server.url, { siteKey: server.site.key })).socket;
});
afterAll(async () => {
  // Optional chaining: if the setup failed half-way, still stop what it started.
  outsider?.disconnect();
  visitorB?.disconnect();
  await server?.stop();
});

describe('REST routes, walked from the router stack', () => {
  test('the walk finds the routes (so an empty walk cannot pass)', () => {
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.map(key)).toEqual(expect.arrayContaining(['POST /api/admin/agents', 'POST /api/agent/login']));
  });

  test('every public route exists; regexp routes are all public', () => {
    const walked = new Set(routes.map(key));
    expect(Object.keys(PUBLIC_ROUTES).filter((route) => !walked.has(route))).toEqual([]);
    expect(routes.filter((r) => r.path.startsWith('regexp:') && !PUBLIC_ROUTES[key(r)]).map(key)).toEqual([]);
  });

  test('every other route answers 401 UNAUTHENTICATED without a bearer token, or with a forged one', async () => {
    const failures: string[] = [];
    for (const route of routes.filter((r) => !PUBLIC_ROUTES[key(r)])) {
      for (const authorization of [undefined, 'Bearer forgedforgedforgedforgedforged']) {
        const response = await fetch(`${server.url}${concretePath(route.path)}`, {
          method: route.method,
          headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
          ...(route.method === 'GET' || route.method === 'HEAD' ? {} : { body: '{}' }),
        });
        const body = (await response.json().catch(() => null)) as { error?: { code?: string } } | null;
        if (response.status !== 401 || body?.error?.code !== 'UNAUTHENTICATED') {
          failures.push(`${key(route)} (${authorization ? 'forged' : 'none'}) -> ${response.status} ${body?.error?.code}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  test('every admin write answers 403 FORBIDDEN to a signed-in agent who is not an admin, whatever the body', async () => {
    const adminWrites = routes.filter(isAdminWrite);
    expect(adminWrites.length).toBeGreaterThan(3);
    const failures: string[] = [];
    for (const route of adminWrites) {
      const response = await fetch(`${server.url}${concretePath(route.path)}`, {
        method: route.method,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${plainAgentToken}` },
        body: '{}',
      });
      const body = (await response.json().catch(() => null)) as { error?: { code?: string } } | null;
      if (response.status !== 403 || body?.error?.code !== 'FORBIDDEN') failures.push(`${key(route)} -> ${response.status} ${body?.error?.code}`);
    }
    expect(failures).toEqual([]);
  });
});

describe('socket events, from the typed registry', () => {
  test('the registry matches the handlers the server really registers', async () => {
    const reserved = new Set(['disconnect', 'disconnecting', 'error']);
    const registered = (namespace: string) => {
      const socket = [...server.app.io.of(namespace).sockets.values()][0];
      return (socket?.eventNames() ?? []).map(String).filter((name) => !reserved.has(name)).sort();
    };
    expect(registered(VISITOR_NAMESPACE)).toEqual(eventNames(VISITOR_EVENTS).sort());
    expect(registered(AGENT_NAMESPACE)).toEqual(eventNames(AGENT_EVENTS).sort());
  });

  test.each([
    [VISITOR_NAMESPACE, {}],
    [VISITOR_NAMESPACE, { siteKey: 'site_not_a_real_one' }],
    [AGENT_NAMESPACE, {}],
    [AGENT_NAMESPACE, { token: 'forgedforgedforgedforgedforged' }],
  ])('%s refuses a handshake with auth %j', async (namespace, auth) => {
    const socket = io(`${server.url}${namespace}`, { auth, transports: ['websocket'], forceNew: true, reconnection: false });
    const error = await new Promise<Error & { data?: { code?: string } }>((resolve) => socket.once('connect_error', resolve));
    socket.disconnect();
    expect(['VALIDATION_FAILED', 'UNAUTHENTICATED', 'SITE_NOT_FOUND']).toContain(error.data?.code);
  });

  test.each([
    [VISITOR_NAMESPACE, eventNames(VISITOR_EVENTS)],
    [AGENT_NAMESPACE, eventNames(AGENT_EVENTS)],
  ])('every %s event sent without a session, even right behind a refused CONNECT, reaches no handler and ends the connection', async (namespace, events) => {
    const client = await openRawSocket(server.url);
    client.send(`40${namespace},{}`);
    events.forEach((event, i) => client.send(`42${namespace},${i + 1}[${JSON.stringify(event)},{"conversationId":"${siteA.conversation}"}]`));
    // Socket.IO drops a connection that sends to a namespace it has not joined: no handler runs, no ack comes.
    expect(await client.next((f) => f.startsWith(`43${namespace},`), 500)).toBeNull();
    expect(client.isOpen()).toBe(false);
    expect(await server.store.listMessages({ conversationId: siteA.conversation })).toHaveLength(1);
  });
});

/** For each agent event that takes ids: the request with site A's ids; null when it takes none. */
type Ids = typeof siteA;
const AGENT_ID_PROBES: Record<keyof AgentClientToServerEvents, ((ids: Ids) => object) | null> = {
  'conversation:list': null,
  'agent:list': null,
  'canned:list': null,
  'agent:status': null,
  'typing:set': null,
  'message:read': null,
  'conversation:open': (ids) => ({ conversationId: ids.conversation }),
  'conversation:claim': (ids) => ({ conversationId: ids.conversation }),
  'conversation:resolve': (ids) => ({ conversationId: ids.conversation }),
  'conversation:reopen': (ids) => ({ conversationId: ids.conversation }),
  'conversation:escalate': (ids) => ({ conversationId: ids.conversation }),
  'conversation:transfer': (ids) => ({ conversationId: ids.conversation, toAgentId: ids.agent }),
  'conversation:invite': (ids) => ({ conversationId: ids.conversation, agentId: ids.agent }),
  'message:send': (ids) => ({ conversationId: ids.conversation, clientId: 'outsider-0001', text: 'hi' }),
  'visitor:profile': (ids) => ({ visitorId: ids.visitor }),
  'canned:save': (ids) => ({ id: ids.canned, shortcut: 'taken', text: 'Overwritten' }),
  'canned:delete': (ids) => ({ id: ids.canned }),
  'ticket:search': (ids) => ({ assigneeAgentId: ids.agent }),
  'ticket:open': (ids) => ({ ticketId: ids.ticket }),
  'ticket:update': (ids) => ({ ticketId: ids.ticket, update: { priority: 'high' } }),
  'ticket:bulk-update': (ids) => ({ ticketIds: [ids.ticket], update: { priority: 'high' } }),
  'ticket:reply': (ids) => ({ ticketId: ids.ticket, reply: { text: 'hi' } }),
};

describe("another tenant's ids answer exactly like missing ones", () => {
  test('an agent of another site gets, for every event taking an id, the answer a missing id gets', async () => {
    const missing: Ids = { conversation: MISSING_ID, ticket: MISSING_ID, visitor: MISSING_ID, canned: MISSING_ID, agent: MISSING_ID };
    const emit = outsider.emitWithAck.bind(outsider) as unknown as (event: string, payload: object) => Promise<unknown>;
    const differences: string[] = [];
    for (const [event, probe] of Object.entries(AGENT_ID_PROBES)) {
      if (!probe) continue;
      const foreign = JSON.stringify(await emit(event, probe(siteA)));
      const absent = JSON.stringify(await emit(event, probe(missing)));
      if (foreign !== absent || foreign.includes('"ok":true') && event !== 'ticket:search') differences.push(`${event}: ${foreign} vs ${absent}`);
    }
    expect(differences).toEqual([]);
    // …and nothing of site A changed.
    expect((await server.store.findTicket(siteA.ticket))?.priority).not.toBe('high');
    expect((await server.store.findCannedReply(siteA.canned))?.text).toBe('Hello!');
    expect(await server.store.listMessages({ conversationId: siteA.conversation })).toHaveLength(1);
  });

  test("a visitor naming another visitor's conversation in any request gets what a missing id gets", async () => {
    const emit = visitorB.emitWithAck.bind(visitorB) as unknown as (event: string, payload: object) => Promise<unknown>;
    const differences: string[] = [];
    for (const event of eventNames(VISITOR_EVENTS, 'ack')) {
      const foreign = JSON.stringify(await emit(event, { conversationId: siteA.conversation }));
      const absent = JSON.stringify(await emit(event, { conversationId: MISSING_ID }));
      if (foreign !== absent) differences.push(`${event}: ${foreign} vs ${absent}`);
    }
    expect(differences).toEqual([]);
  });
});
