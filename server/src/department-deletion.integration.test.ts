/** Deleting a department over REST on a real server: refused while in use, then gone everywhere a person would look. */
import type { Agent, ApiError, Department, PublicSiteConfig } from '@parley/shared';
import { addAgent } from './test-support/agents';
import { connectVisitor, eventMatching, login, unwrap, apiRequest } from './test-support/clients';
import { startTestServer, type TestServer } from './test-support/test-server';

let server: TestServer;
let adminToken: string;

beforeEach(async () => {
  server = await startTestServer();
  adminToken = (await login(server.url, server.admin.email, server.admin.password)).token;
});
afterEach(() => server.stop());

const api = (path: string, init: { method?: string; body?: unknown; token?: string } = {}) =>
  apiRequest(server.url, path, { ...init, token: init.token ?? adminToken });

async function createDepartment(name: string): Promise<Department> {
  const created = await api('/admin/departments', { method: 'POST', body: { name } });
  return ((await created.json()) as { department: Department }).department;
}

test('a department with an open chat is refused with 409 and what to move first; once resolved it is deleted (204)', async () => {
  const sales = await createDepartment('Sales');
  const billing = await createDepartment('Billing');
  const sam = await addAgent(server, { name: 'Sam', departmentIds: [sales.id] });
  const { socket: visitor } = await connectVisitor(server.url, { siteKey: server.site.key });
  server.track(sam.socket, visitor);
  const { conversationId } = unwrap(
    await visitor.emitWithAck('message:send', { clientId: 'dept-del-000001', text: 'About my order', departmentId: sales.id }),
  );

  const refused = await api(`/admin/departments/${sales.id}`, { method: 'DELETE' });
  expect(refused.status).toBe(409);
  const { error } = (await refused.json()) as ApiError;
  expect(error).toMatchObject({ code: 'DEPARTMENT_IN_USE', issues: [{ path: 'openConversations', message: expect.stringContaining('1 open') }] });
  expect(JSON.stringify(error)).not.toMatch(/at .*\.ts:\d+/);

  unwrap(await sam.socket.emitWithAck('conversation:resolve', { conversationId }));
  // Sam's colleagues' consoles hear that Sam's departments changed.
  const heard = eventMatching<Agent>(sam.socket, 'agent:updated', (agent) => agent.id === sam.agent.id);
  const deleted = await api(`/admin/departments/${sales.id}`, { method: 'DELETE' });
  expect(deleted.status).toBe(204);
  expect(await deleted.text()).toBe('');
  expect((await heard).departmentIds).toEqual([]);

  expect(await (await api('/admin/departments')).json()).toEqual({ departments: [billing] });
  const config = (await (await fetch(`${server.url}/api/widget/config?site=${server.site.key}`)).json()) as PublicSiteConfig;
  expect(config.departments).toEqual([{ id: billing.id, name: 'Billing' }]);
  expect((await server.store.findConversation(conversationId))?.departmentId).toBe(sales.id);
  expect((await api(`/admin/departments/${sales.id}`, { method: 'DELETE' })).status).toBe(404);
  // The name is free for a new department.
  expect((await api('/admin/departments', { method: 'POST', body: { name: 'Sales' } })).status).toBe(201);
});

test('only admins delete; a malformed id is 400, an unknown or another site\'s department 404', async () => {
  const sales = await createDepartment('Sales');
  const plain = await addAgent(server, { name: 'Plain' });
  server.track(plain.socket);
  const agentToken = (await login(server.url, plain.agent.email, 'test agent password')).token;

  const forbidden = await api(`/admin/departments/${sales.id}`, { method: 'DELETE', token: agentToken });
  expect(forbidden.status).toBe(403);
  const malformed = await api('/admin/departments/x', { method: 'DELETE' });
  expect([malformed.status, ((await malformed.json()) as ApiError).error.code]).toEqual([400, 'VALIDATION_FAILED']);
  expect((await api('/admin/departments/dept-missing-01', { method: 'DELETE' })).status).toBe(404);

  const otherSite = await server.store.createSite({ key: 'other_site_key', name: 'Other' });
  const theirs = await server.store.createDepartment({ siteId: otherSite.id, name: 'Theirs' });
  expect((await api(`/admin/departments/${theirs.id}`, { method: 'DELETE' })).status).toBe(404);
  expect(await server.store.listDepartments(otherSite.id)).toEqual([theirs]);
  expect(((await (await api('/admin/departments')).json()) as { departments: Department[] }).departments).toEqual([sales]);
});

test("the site's default department is refused until the routing settings name another", async () => {
  const sales = await createDepartment('Sales');
  await api('/admin/site/settings', { method: 'PATCH', body: { defaultDepartmentId: sales.id } });
  const refused = await api(`/admin/departments/${sales.id}`, { method: 'DELETE' });
  expect(refused.status).toBe(409);
  expect(((await refused.json()) as ApiError).error.issues?.map((i) => i.path)).toEqual(['defaultDepartmentId']);
  await api('/admin/site/settings', { method: 'PATCH', body: { defaultDepartmentId: null } });
  expect((await api(`/admin/departments/${sales.id}`, { method: 'DELETE' })).status).toBe(204);
});

test('consoles already open hear of a department added, renamed and deleted over REST', async () => {
  const sam = await addAgent(server, { name: 'Sam' });
  server.track(sam.socket);
  const added = eventMatching<Department>(sam.socket, 'department:saved', (d) => d.name === 'Sales');
  const sales = await createDepartment('Sales');
  expect(await added).toEqual(sales);
  const renamed = eventMatching<Department>(sam.socket, 'department:saved', (d) => d.name === 'Sales & Billing');
  expect((await api(`/admin/departments/${sales.id}`, { method: 'PATCH', body: { name: 'Sales & Billing' } })).status).toBe(200);
  expect(await renamed).toEqual({ ...sales, name: 'Sales & Billing' });
  const deleted = eventMatching<{ id: string }>(sam.socket, 'department:deleted', () => true);
  expect((await api(`/admin/departments/${sales.id}`, { method: 'DELETE' })).status).toBe(204);
  expect(await deleted).toEqual({ id: sales.id });
});
