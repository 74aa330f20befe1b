/**
 * Contract tests of every route in the route table against a real server and real SQLite: the
 * happy path answers what its response schema says, no token is 401, a read token on a write
 * route is 403, admin routes refuse plain agents, a bad request is 400 VALIDATION_FAILED with
 * issues, and every list walks its pages without repeats or gaps.
 */
import type { ApiError, Conversation, Message, Ticket } from '@parley/shared';
import { z } from 'zod';
import { hashPassword } from '../domain/password';
import { connectVisitor, login, unwrap, type VisitorClient } from '../test-support/clients';
import { callApi, createApiToken, walkPages, type ApiCall } from '../test-support/platform-api';
import { startTestServer, type TestServer } from '../test-support/test-server';
import type { ApiServices } from './api-services';
import { platformRoutes } from './platform-routes';
import type { ApiRoute } from './route-table';

// Seeding signs in three people (scrypt) and opens five chats over real sockets: slow on a busy machine.
jest.setTimeout(30_000);

const routes = platformRoutes(new Proxy({}, { get: () => ({}) }) as ApiServices);

let server: TestServer;
let adminSession: string;
let agentSession: string;
let readWrite: string;
let readOnly: string;
const visitors: VisitorClient[] = [];
const ids = { conversation: '', visitor: '', ticket: '', article: '', agent: '', department: '', spareDepartment: '', endpoint: '', spareEndpoint: '', spareToken: '' };

async function seedChats(count: number): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    const { socket, session } = await connectVisitor(server.url, { siteKey: server.site.key });
    visitors.push(socket);
    const message = unwrap(await socket.emitWithAck('message:send', { clientId: `contract-${i}-000001`, text: `Hello ${i}` }));
    if (i === 0) {
      ids.conversation = message.conversationId;
      ids.visitor = session.visitorId;
      unwrap(await socket.emitWithAck('visitor:identify', { name: 'Greta', email: 'greta@example.test' }));
      for (let m = 0; m < 4; m += 1) unwrap(await socket.emitWithAck('message:send', { clientId: `contract-more-00000${m}`, text: `More ${m}` }));
    }
  }
}

beforeAll(async () => {
  server = await startTestServer();
  adminSession = (await login(server.url, server.admin.email, server.admin.password)).token;
  const passwordHash = await hashPassword('plain agent password');
  const plain = await server.store.createAgent({ siteId: server.site.id, email: 'plain@example.test', name: 'Plain Agent', role: 'agent', passwordHash });
  await server.store.createAgent({ siteId: server.site.id, email: 'second@example.test', name: 'Second Agent', role: 'agent', passwordHash });
  ids.agent = plain.id;
  agentSession = (await login(server.url, 'plain@example.test', 'plain agent password')).token;
  readWrite = (await createApiToken(server, { adminToken: adminSession, scope: 'read-write' })).token;
  readOnly = (await createApiToken(server, { adminToken: adminSession, scope: 'read' })).token;
  ids.spareToken = (await createApiToken(server, { adminToken: adminSession, scope: 'read', name: 'to revoke' })).id;
  await seedChats(5);
  for (const name of ['Billing', 'Sales', 'Support']) await callApi(server, '/v1/departments', { method: 'POST', token: readWrite, body: { name } });
  for (let i = 0; i < 3; i += 1) {
    const created = await callApi<{ data: Ticket }>(server, '/v1/tickets', {
      method: 'POST', token: readWrite, body: { subject: `Printer ${i}`, text: 'It jams.', requesterEmail: 'ann@example.test' },
    });
    ids.ticket ||= created.body.data.id;
  }
  for (let i = 0; i < 3; i += 1) {
    const created = await callApi<{ data: { article: { id: string } } }>(server, '/v1/kb/articles', {
      method: 'POST', token: readWrite, body: { language: 'en', title: `Reset your password ${i}`, bodyMarkdown: 'Click **Forgot**.' },
    });
    ids.article ||= created.body.data.article.id;
  }
  for (const url of ['http://127.0.0.1:9/a', 'http://127.0.0.1:9/b']) {
    const created = await callApi<{ data: { endpoint: { id: string } } }>(server, '/admin/webhooks', {
      method: 'POST', token: readWrite, body: { url, events: ['message.created'], allowPrivateTargets: true },
    });
    if (ids.endpoint) ids.spareEndpoint = created.body.data.endpoint.id;
    else ids.endpoint = created.body.data.endpoint.id;
  }
  for (let i = 0; i < 3; i += 1) await callApi(server, `/admin/webhooks/${ids.endpoint}/test`, { method: 'POST', token: readWrite });
  ids.department = ((await callApi<{ data: { id: string }[] }>(server, '/v1/departments', { token: readWrite })).body.data[0]?.id) ?? '';
  // Last by name, so ids.department stays the first; nothing uses it, so it can be deleted.
  ids.spareDepartment = (await callApi<{ data: { id: string } }>(server, '/v1/departments', { method: 'POST', token: readWrite, body: { name: 'Warranty' } })).body.data.id;
});
afterAll(async () => {
  visitors.forEach((v) => v.disconnect());
  await server.stop();
});

interface Case {
  path: () => string;
  happy: ApiCall;
  /** A request this route must refuse with 400 VALIDATION_FAILED. */
  invalid: ApiCall & { path?: () => string };
  /** Lists: walked page by page and compared with one big page. */
  list?: boolean;
  /** Admin routes managing tokens use the admin's session; the rest a read-write API token. */
  session?: boolean;
}

const CASES: Record<string, Case> = {
  listConversations: {
    path: () => '/v1/conversations', happy: { query: { status: ['queued', 'assigned'] } },
    invalid: { query: { status: 'closed' } }, list: true,
  },
  getConversation: { path: () => `/v1/conversations/${ids.conversation}`, happy: {}, invalid: { path: () => '/v1/conversations/!!' } },
  listMessages: {
    path: () => `/v1/conversations/${ids.conversation}/messages`, happy: {}, invalid: { query: { limit: 201 } }, list: true,
  },
  sendMessage: {
    path: () => `/v1/conversations/${ids.conversation}/messages`,
    happy: { method: 'POST', body: { text: 'Hello from the CRM', clientId: 'crm-0000000001' } },
    invalid: { method: 'POST', body: { text: '   ' } },
  },
  listContacts: { path: () => '/v1/contacts', happy: {}, invalid: { query: { email: 'not-an-email' } }, list: true },
  getContact: { path: () => `/v1/contacts/${ids.visitor}`, happy: {}, invalid: { path: () => '/v1/contacts/x' } },
  listTickets: {
    path: () => '/v1/tickets', happy: { query: { status: 'new', sort: 'created_asc' } },
    invalid: { query: { sort: 'priority_desc' } }, list: true,
  },
  createTicket: {
    path: () => '/v1/tickets', happy: { method: 'POST', body: { subject: 'Refund', text: 'Please refund order 42.', priority: 'high', tags: ['billing'] } },
    invalid: { method: 'POST', body: { subject: '', text: 'x' } },
  },
  getTicket: { path: () => `/v1/tickets/${ids.ticket}`, happy: {}, invalid: { path: () => '/v1/tickets/%20' } },
  updateTicket: {
    path: () => `/v1/tickets/${ids.ticket}`, happy: { method: 'PATCH', body: { priority: 'urgent', tags: ['printer'] } },
    invalid: { method: 'PATCH', body: { priority: 'whenever' } },
  },
  replyToTicket: {
    path: () => `/v1/tickets/${ids.ticket}/replies`, happy: { method: 'POST', body: { text: 'Try turning it off and on.' } },
    invalid: { method: 'POST', body: { text: 'x', internal: 'yes' } },
  },
  listArticles: { path: () => '/v1/kb/articles', happy: { query: { language: 'en' } }, invalid: { query: { status: 'archived' } }, list: true },
  getArticle: { path: () => `/v1/kb/articles/${ids.article}`, happy: {}, invalid: { path: () => '/v1/kb/articles/x' } },
  createArticle: {
    path: () => '/v1/kb/articles', happy: { method: 'POST', body: { language: 'de', title: 'Passwort', bodyMarkdown: 'Hallo' } },
    invalid: { method: 'POST', body: { language: 'english', title: 'x', bodyMarkdown: '' } },
  },
  updateArticle: {
    path: () => `/v1/kb/articles/${ids.article}`, happy: { method: 'PATCH', body: { summary: 'How to reset it' } },
    invalid: { method: 'PATCH', body: {} },
  },
  listAgents: { path: () => '/v1/agents', happy: {}, invalid: { query: { limit: 0 } }, list: true },
  getAgent: { path: () => `/v1/agents/${ids.agent}`, happy: {}, invalid: { path: () => '/v1/agents/x' } },
  listDepartments: { path: () => '/v1/departments', happy: {}, invalid: { query: { cursor: 'not a cursor!' } }, list: true },
  createDepartment: {
    path: () => '/v1/departments', happy: { method: 'POST', body: { name: 'Returns' } }, invalid: { method: 'POST', body: { name: '' } },
  },
  renameDepartment: {
    path: () => `/v1/departments/${ids.department}`, happy: { method: 'PATCH', body: { name: 'Billing and invoices' } },
    invalid: { method: 'PATCH', body: { name: ' ' } },
  },
  deleteDepartment: {
    path: () => `/v1/departments/${ids.spareDepartment}`, happy: { method: 'DELETE' }, invalid: { method: 'DELETE', path: () => '/v1/departments/x' },
  },
  getAnalyticsReport: {
    path: () => '/v1/analytics/report', happy: { query: { from: '2020-01-01', to: '2020-01-31' } },
    invalid: { query: { from: '2020-02-30', to: '2020-03-01' } },
  },
  listApiTokens: { path: () => '/admin/api-tokens', happy: {}, invalid: { query: { unexpected: '1' } }, session: true },
  createApiToken: {
    path: () => '/admin/api-tokens', happy: { method: 'POST', body: { name: 'Reporting', scope: 'read' } },
    invalid: { method: 'POST', body: { name: 'x', scope: 'admin' } }, session: true,
  },
  revokeApiToken: {
    path: () => `/admin/api-tokens/${ids.spareToken}`, happy: { method: 'DELETE' }, invalid: { method: 'DELETE', path: () => '/admin/api-tokens/x' }, session: true,
  },
  listWebhookEndpoints: { path: () => '/admin/webhooks', happy: {}, invalid: { query: { unexpected: '1' } } },
  createWebhookEndpoint: {
    path: () => '/admin/webhooks',
    happy: { method: 'POST', body: { url: 'http://127.0.0.1:9/c', events: ['ticket.created'], allowPrivateTargets: true } },
    invalid: { method: 'POST', body: { url: 'http://127.0.0.1:9/c', events: [] } },
  },
  getWebhookEndpoint: { path: () => `/admin/webhooks/${ids.endpoint}`, happy: {}, invalid: { path: () => '/admin/webhooks/x' } },
  updateWebhookEndpoint: {
    path: () => `/admin/webhooks/${ids.endpoint}`, happy: { method: 'PATCH', body: { enabled: false } },
    invalid: { method: 'PATCH', body: { events: ['message.deleted'] } },
  },
  deleteWebhookEndpoint: {
    path: () => `/admin/webhooks/${ids.spareEndpoint}`, happy: { method: 'DELETE' }, invalid: { method: 'DELETE', path: () => '/admin/webhooks/x' },
  },
  rotateWebhookSecret: {
    path: () => `/admin/webhooks/${ids.endpoint}/rotate-secret`, happy: { method: 'POST' },
    invalid: { method: 'POST', path: () => '/admin/webhooks/x/rotate-secret' },
  },
  sendWebhookTestEvent: {
    path: () => `/admin/webhooks/${ids.endpoint}/test`, happy: { method: 'POST' }, invalid: { method: 'POST', path: () => '/admin/webhooks/x/test' },
  },
  listWebhookDeliveries: {
    path: () => `/admin/webhooks/${ids.endpoint}/deliveries`, happy: {}, invalid: { query: { limit: 'many' } }, list: true,
  },
};

const tokenFor = (c: Case) => (c.session ? adminSession : readWrite);
const methodOf = (route: ApiRoute) => route.method.toUpperCase();

test('every route in the table has a contract case (a new route without one fails here)', () => {
  expect(Object.keys(CASES).sort()).toEqual(routes.map((r) => r.operationId).sort());
});

describe.each(routes.map((r) => [r.operationId, r] as const))('%s', (operationId, route) => {
  const c = CASES[operationId] as Case;

  test('answers 401 UNAUTHENTICATED without a token and with an unknown API token', async () => {
    for (const token of [undefined, 'pk_live_unknownunknownunknownunknownunknown00']) {
      const answer = await callApi<ApiError>(server, c.path(), { ...c.happy, token });
      expect([answer.status, answer.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
    }
  });

  if (route.scope === 'write') {
    test('answers 403 FORBIDDEN to a read-only token, before reading the body', async () => {
      const answer = await callApi<ApiError>(server, c.path(), { ...c.invalid, path: undefined, token: readOnly } as ApiCall);
      expect([answer.status, answer.body.error.code]).toEqual([403, 'FORBIDDEN']);
    });
  }

  if (route.access === 'admin' || route.access === 'admin-session') {
    test('answers 403 FORBIDDEN to a signed-in agent who is not an admin', async () => {
      const answer = await callApi<ApiError>(server, c.path(), { ...c.invalid, token: agentSession });
      expect([answer.status, answer.body.error.code]).toEqual([403, 'FORBIDDEN']);
    });
  }

  test('answers 400 VALIDATION_FAILED with issues to a bad request', async () => {
    const answer = await callApi<ApiError>(server, c.invalid.path?.() ?? c.path(), { ...c.invalid, token: tokenFor(c) });
    expect([answer.status, answer.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(answer.body.error.message).toEqual(expect.any(String));
    expect(JSON.stringify(answer.body)).not.toMatch(/at .*\.ts:\d+/);
  });

  test(`answers ${route.status ?? 200} with what its response schema says (${methodOf(route)} ${route.path})`, async () => {
    const answer = await callApi(server, c.path(), { ...c.happy, token: tokenFor(c) });
    expect(answer.status).toBe(route.status ?? 200);
    if (route.status === 204) expect(answer.body).toBeUndefined();
    else expect(route.response.safeParse(answer.body).success).toBe(true);
    expect(answer.headers.get('cache-control')).toBe('no-store');
  });

  if (c.list) {
    test('walks its pages (limit 2) to the same rows as one page, each once, in the same order', async () => {
      const whole = await callApi<{ data: { id: string }[]; nextCursor: string | null }>(server, c.path(), {
        token: tokenFor(c), query: { ...c.happy.query, limit: 200 },
      });
      expect(whole.body.nextCursor).toBeNull();
      expect(whole.body.data.length).toBeGreaterThanOrEqual(3);
      const walked = await walkPages<{ id: string }>(server, c.path(), { token: tokenFor(c), query: c.happy.query, limit: 2 });
      expect(walked.items.map((i) => i.id)).toEqual(whole.body.data.map((i) => i.id));
      // The last page says it is the last: no extra empty page is needed to find out.
      expect(walked.pages).toBe(Math.ceil(whole.body.data.length / 2));
    });
  }
});

describe('pages and filters', () => {
  test('a cursor from another list, or a forged one, is refused', async () => {
    const first = await callApi<{ nextCursor: string }>(server, '/v1/tickets', { token: readWrite, query: { limit: 1 } });
    const reused = await callApi<ApiError>(server, '/v1/conversations', { token: readWrite, query: { cursor: first.body.nextCursor } });
    expect([reused.status, reused.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    const sortChanged = await callApi<ApiError>(server, '/v1/tickets', { token: readWrite, query: { cursor: first.body.nextCursor, sort: 'created_asc' } });
    expect(sortChanged.status).toBe(400);
    const forged = await callApi<ApiError>(server, '/v1/tickets', { token: readWrite, query: { cursor: Buffer.from('["tickets:updated_desc",1]').toString('base64url') } });
    expect(forged.status).toBe(400);
  });

  test('messages come in conversation order across pages, and a message sent meanwhile appears at the end', async () => {
    const path = `/v1/conversations/${ids.conversation}/messages`;
    const firstPage = await callApi<{ data: Message[]; nextCursor: string }>(server, path, { token: readWrite, query: { limit: 2 } });
    await callApi(server, path, { method: 'POST', token: readWrite, body: { text: 'Meanwhile' } });
    const { items } = await walkPages<Message>(server, path, { token: readWrite, limit: 2 });
    const seqs = items.map((m) => m.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(items.slice(0, 2).map((m) => m.id)).toEqual(firstPage.body.data.map((m) => m.id));
    expect(items[items.length - 1]?.text).toBe('Meanwhile');
  });

  test('a repeated clientId stores the message once', async () => {
    const path = `/v1/conversations/${ids.conversation}/messages`;
    const body = { text: 'Exactly once', clientId: 'crm-once-000001' };
    const first = await callApi<{ data: Message }>(server, path, { method: 'POST', token: readWrite, body });
    const again = await callApi<{ data: Message }>(server, path, { method: 'POST', token: readWrite, body });
    expect(again.body.data.id).toBe(first.body.data.id);
  });

  test('conversations filter by status, agent, department and creation time', async () => {
    const all = await callApi<{ data: Conversation[] }>(server, '/v1/conversations', { token: readWrite, query: { limit: 200 } });
    const admin = (await server.store.findAgentWithSecretByEmail(server.admin.email))?.id ?? '';
    const mine = await callApi<{ data: Conversation[] }>(server, '/v1/conversations', { token: readWrite, query: { agentId: admin } });
    expect(mine.body.data.map((c) => c.id)).toEqual(all.body.data.filter((c) => c.assignedAgentId === admin).map((c) => c.id));
    expect(mine.body.data.length).toBeGreaterThan(0);
    const oldest = all.body.data[all.body.data.length - 1]?.createdAt ?? '';
    const before = await callApi<{ data: Conversation[] }>(server, '/v1/conversations', { token: readWrite, query: { createdTo: oldest } });
    expect(before.body.data).toEqual([]);
    const since = await callApi<{ data: Conversation[] }>(server, '/v1/conversations', { token: readWrite, query: { createdFrom: oldest } });
    expect(since.body.data).toHaveLength(all.body.data.length);
    const nowhere = await callApi<{ data: Conversation[] }>(server, '/v1/conversations', { token: readWrite, query: { departmentId: ids.department } });
    expect(nowhere.body.data).toEqual([]);
  });

  test('a contact comes with their conversations and tickets, and is found by e-mail', async () => {
    const found = await callApi<{ data: { id: string; name: string }[] }>(server, '/v1/contacts', { token: readOnly, query: { email: 'Greta@Example.test' } });
    expect(found.body.data.map((c) => c.id)).toEqual([ids.visitor]);
    const detail = await callApi<{ data: { contact: { name: string }; conversations: Conversation[] } }>(server, `/v1/contacts/${ids.visitor}`, { token: readOnly });
    expect(detail.body.data.contact.name).toBe('Greta');
    expect(detail.body.data.conversations.map((c) => c.id)).toContain(ids.conversation);
  });

  test("another site's records answer like missing ones", async () => {
    const other = await server.store.createSite({ key: 'site_contract_other', name: 'Other' });
    const outsider = await server.store.createAgent({
      siteId: other.id, email: 'outsider@example.test', name: 'Outsider', role: 'admin', passwordHash: await hashPassword('outsider password'),
    });
    expect(outsider.siteId).toBe(other.id);
    const session = (await login(server.url, 'outsider@example.test', 'outsider password')).token;
    for (const path of [`/v1/conversations/${ids.conversation}`, `/v1/tickets/${ids.ticket}`, `/v1/contacts/${ids.visitor}`, `/admin/webhooks/${ids.endpoint}`]) {
      const answer = await callApi<ApiError>(server, path, { token: session });
      expect(answer.status).toBe(404);
    }
    const list = await callApi<{ data: unknown[] }>(server, '/v1/conversations', { token: session });
    expect(list.body.data).toEqual([]);
  });

  test('query arrays take one value or several, and unknown parameters are refused', async () => {
    const one = await callApi<{ data: Ticket[] }>(server, '/v1/tickets', { token: readWrite, query: { priority: 'urgent' } });
    expect(one.body.data.map((t) => t.id)).toEqual([ids.ticket]);
    const two = await callApi<{ data: Ticket[] }>(server, '/v1/tickets', { token: readWrite, query: { priority: ['urgent', 'high'] } });
    expect(two.body.data.length).toBe(2);
    const unknown = await callApi<ApiError>(server, '/v1/tickets', { token: readWrite, query: { colour: 'red' } });
    expect(unknown.status).toBe(400);
  });

  test('bad JSON is a 400 in the same error shape', async () => {
    const answer = await callApi<ApiError>(server, '/v1/tickets', { method: 'POST', token: readWrite, rawBody: '{"subject":' });
    expect(answer.status).toBe(400);
    expect(z.object({ error: z.object({ code: z.literal('VALIDATION_FAILED'), message: z.string() }) }).safeParse(answer.body).success).toBe(true);
  });
});
