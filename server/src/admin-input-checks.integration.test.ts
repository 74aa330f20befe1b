/**
 * What an admin types that a person would expect refused, over the real server as the console sends
 * it: a language code that names no language, a department or shortcut that differs from another
 * only in case, an SLA resolution due before its first response. Each refusal names the field, and
 * nothing stored changes.
 */
import type { Agent, ApiError, Department, Site } from '@parley/shared';
import { addAgent } from './test-support/agents';
import { connectAgent, login, unwrap, apiRequest } from './test-support/clients';
import { startTestServer, type TestServer } from './test-support/test-server';

let server: TestServer;
let adminToken: string;

beforeEach(async () => {
  server = await startTestServer();
  adminToken = (await login(server.url, server.admin.email, server.admin.password)).token;
});
afterEach(() => server.stop());

const api = (path: string, init: { method?: string; body?: unknown } = {}) =>
  apiRequest(server.url, path, { ...init, token: adminToken });
const errorOf = async (response: Response) => ((await response.json()) as ApiError).error;

test('agent languages that name no language are refused on the field; real ones are kept as their primary language', async () => {
  const sam = await addAgent(server, { name: 'Sam' });
  server.track(sam.socket);
  const refused = await api(`/admin/agents/${sam.agent.id}`, { method: 'PATCH', body: { languages: ['en', 'zz'] } });
  expect(refused.status).toBe(400);
  expect(await errorOf(refused)).toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ path: 'languages.1', message: 'must be a language code like en' }] });
  expect((await server.store.findAgentById(sam.agent.id))?.languages).toEqual(sam.agent.languages);

  const taken = await api(`/admin/agents/${sam.agent.id}`, { method: 'PATCH', body: { languages: ['en', 'pt-BR', 'zh'] } });
  expect(taken.status).toBe(200);
  expect(((await taken.json()) as { agent: Agent }).agent.languages).toEqual(['en', 'pt', 'zh']);
});

test('a department named like another but for case or spaces is refused with 409 ALREADY_TAKEN, on create and on rename', async () => {
  const created = await api('/admin/departments', { method: 'POST', body: { name: 'Billing' } });
  const billing = ((await created.json()) as { department: Department }).department;
  const again = await api('/admin/departments', { method: 'POST', body: { name: '  billing ' } });
  expect(again.status).toBe(409);
  expect(await errorOf(again)).toMatchObject({ code: 'ALREADY_TAKEN', issues: [{ path: 'name' }] });

  const sales = ((await (await api('/admin/departments', { method: 'POST', body: { name: 'Sales' } })).json()) as { department: Department }).department;
  const renamed = await api(`/admin/departments/${sales.id}`, { method: 'PATCH', body: { name: 'BILLING' } });
  expect(renamed.status).toBe(409);
  expect(await errorOf(renamed)).toMatchObject({ code: 'ALREADY_TAKEN', issues: [{ path: 'name' }] });
  expect(await (await api('/admin/departments')).json()).toEqual({ departments: [billing, sales] });
});

test('a canned shortcut differing from another of the same people only in case is refused on the shortcut field', async () => {
  const admin = await connectAgent(server.url, adminToken);
  server.track(admin);
  unwrap(await admin.emitWithAck('canned:save', { shortcut: 'hello', text: 'Hello!' }));
  const refused = await admin.emitWithAck('canned:save', { shortcut: 'HELLO', text: 'HELLO!' });
  expect(refused).toMatchObject({ ok: false, error: { code: 'ALREADY_TAKEN', issues: [{ path: 'shortcut' }] } });
  // Personal replies are another list.
  unwrap(await admin.emitWithAck('canned:save', { shortcut: 'HELLO', text: 'Mine', personal: true }));
  const suggested = unwrap(await admin.emitWithAck('canned:list', {}));
  expect(suggested.map((r) => `${r.shortcut}:${r.text}`).sort()).toEqual(['HELLO:Mine', 'hello:Hello!']);
});

test('an SLA resolution target shorter than the first response is refused on the resolution field, whole or half given', async () => {
  const before = (await server.store.findSiteById(server.site.id))?.settings.sla;
  const whole = await api('/admin/site/settings', {
    method: 'PATCH', body: { sla: { '1': { normal: { firstResponseMinutes: 2000, resolutionMinutes: 60 } } } },
  });
  expect(whole.status).toBe(400);
  expect(await errorOf(whole)).toMatchObject({
    code: 'VALIDATION_FAILED', issues: [{ path: 'sla.1.normal.resolutionMinutes', message: 'must not be shorter than the first-response target' }],
  });
  // Half a target is judged with the stored half (normal tier 1: first response 240 minutes).
  const half = await api('/admin/site/settings', { method: 'PATCH', body: { sla: { '1': { normal: { resolutionMinutes: 60 } } } } });
  expect(half.status).toBe(400);
  expect(await errorOf(half)).toMatchObject({ issues: [{ path: 'sla.1.normal.resolutionMinutes' }] });
  expect((await server.store.findSiteById(server.site.id))?.settings.sla).toEqual(before);

  const fine = await api('/admin/site/settings', { method: 'PATCH', body: { sla: { '1': { normal: { resolutionMinutes: 240 } } } } });
  expect(fine.status).toBe(200);
  expect(((await fine.json()) as { site: Site }).site.settings.sla['1'].normal).toEqual({ firstResponseMinutes: 240, resolutionMinutes: 240 });
});
