/** The OpenAPI document: valid OpenAPI 3.1, every route of the table in it, served as JSON and as a script-free reference. */
import SwaggerParser from '@apidevtools/swagger-parser';
import { WEBHOOK_EVENT_TYPES } from '@parley/shared';
import { listParleyRoutes } from '../security/route-walk';
import { login } from '../test-support/clients';
import { createApiToken } from '../test-support/platform-api';
import { startTestServer, type TestServer } from '../test-support/test-server';
import type { ApiServices } from './api-services';
import type { OpenApiDocument } from './openapi';
import { platformRoutes } from './platform-routes';
import { expressPath } from './route-registrar';

// The table is read, never called: services are not needed to list it.
const routes = platformRoutes(new Proxy({}, { get: () => ({}) }) as ApiServices);

jest.setTimeout(30_000);

let server: TestServer;
let document: OpenApiDocument;

beforeAll(async () => {
  server = await startTestServer();
  const response = await fetch(`${server.url}/api/openapi.json`);
  expect(response.status).toBe(200);
  document = (await response.json()) as OpenApiDocument;
});
afterAll(() => server.stop());

test('is a valid OpenAPI 3.1 document (every $ref resolves)', async () => {
  expect(document.openapi).toBe('3.1.0');
  await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeTruthy();
  // The validator does catch a broken document (so this test can fail).
  const broken = structuredClone(document);
  (broken.paths['/v1/tickets'] as Record<string, unknown>).get = { responses: { '200': { $ref: '#/components/responses/Nope' } } };
  await expect(SwaggerParser.validate(broken as never)).rejects.toThrow();
  await expect(SwaggerParser.validate({ ...structuredClone(document), info: undefined } as never)).rejects.toThrow();
});

test('documents every route of the table, once, with its scope, and nothing else', () => {
  expect(routes.length).toBeGreaterThan(25);
  const documented = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m} ${path}`));
  expect(documented.sort()).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort());
  for (const route of routes) {
    expect(document.paths[route.path]?.[route.method]).toMatchObject({ operationId: route.operationId, 'x-parley-scope': route.scope });
  }
  expect(new Set(routes.map((r) => r.operationId)).size).toBe(routes.length);
});

test('every platform route the server really registers comes from the table', () => {
  const fromTable = new Set(routes.map((r) => `${r.method.toUpperCase()} /api${expressPath(r.path)}`));
  const registered = listParleyRoutes()
    .filter((r) => /^\/api\/(v1\/|admin\/(api-tokens|webhooks))/.test(r.path))
    .map((r) => `${r.method} ${r.path}`);
  expect(registered.sort()).toEqual([...fromTable].sort());
});

test('names the bearer scheme, the error envelope and every webhook event with its signature header', () => {
  expect(document.components).toMatchObject({ securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } });
  expect(document.components.schemas.ApiError).toMatchObject({ properties: { error: { required: ['code', 'message'] } } });
  expect(Object.keys(document.webhooks).sort()).toEqual([...WEBHOOK_EVENT_TYPES, 'webhook.test'].sort());
  expect(JSON.stringify(document.webhooks['message.created'])).toContain('Parley-Signature');
  const list = document.paths['/v1/conversations']?.get as { parameters: { name: string; style?: string }[] };
  expect(list.parameters.map((p) => p.name)).toEqual(expect.arrayContaining(['cursor', 'limit', 'status', 'agentId', 'departmentId', 'createdFrom', 'createdTo']));
  expect(list.parameters.find((p) => p.name === 'status')).toMatchObject({ style: 'form', explode: true });
});

test('/api/docs lists every operation as plain HTML under a CSP with no script and no inline allowance', async () => {
  const response = await fetch(`${server.url}/api/docs`);
  expect(response.status).toBe(200);
  const csp = response.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("default-src 'none'");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain('script-src');
  const html = await response.text();
  expect(html).not.toMatch(/<script/i);
  for (const route of routes) expect(html).toContain(`id="${route.operationId}"`);
  expect(html).toContain('id="schema-Ticket"');
});

test('lists the 404 of a route whose body names another record, as creating a ticket in an unknown department answers', async () => {
  const createTicket = (document.paths['/v1/tickets'] as Record<string, { responses: Record<string, unknown> }>).post;
  expect(Object.keys(createTicket?.responses ?? {})).toContain('404');
  const adminToken = (await login(server.url, server.admin.email, server.admin.password)).token;
  const { token } = await createApiToken(server, { adminToken, scope: 'read-write' });
  const answer = await fetch(`${server.url}/api/v1/tickets`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ subject: 'Where is it?', text: 'Lost parcel', departmentId: 'nonexistentDepartment1' }),
  });
  expect(answer.status).toBe(404);
});
