/** API tokens over REST: shown once and stored hashed, scopes, acting as their admin, revocation and deactivation. */
import fs from 'node:fs';
import path from 'node:path';
import { ATTACHMENT_HEADERS, type ApiError, type ApiToken, type AttachmentUploadResponse, type Message, type Ticket, type TicketWithTimeline } from '@parley/shared';
import { hashPassword } from '../domain/password';
import { hashToken } from '../tokens';
import { TINY_PDF } from '../test-support/attachment-fixtures';
import { connectVisitor, login, unwrap } from '../test-support/clients';
import { callApi, createApiToken } from '../test-support/platform-api';
import { startTestServer, type TestServer } from '../test-support/test-server';

// Every test starts a server and signs in (scrypt): slow on a busy machine.
jest.setTimeout(30_000);

let server: TestServer;
let adminSession: string;

beforeEach(async () => {
  server = await startTestServer();
  adminSession = (await login(server.url, server.admin.email, server.admin.password)).token;
});
afterEach(() => server.stop());

async function secondAdmin(): Promise<{ id: string; session: string }> {
  const agent = await server.store.createAgent({
    siteId: server.site.id, email: 'second.admin@example.test', name: 'Second Admin', role: 'admin', passwordHash: await hashPassword('second admin password'),
  });
  return { id: agent.id, session: (await login(server.url, 'second.admin@example.test', 'second admin password')).token };
}

test('a token is shown once, recognisable, and kept only as its sha256', async () => {
  const created = await callApi<{ data: { token: string; apiToken: ApiToken } }>(server, '/admin/api-tokens', {
    method: 'POST', token: adminSession, body: { name: 'Zapier', scope: 'read' },
  });
  expect(created.status).toBe(201);
  const { token, apiToken } = created.body.data;
  expect(token).toMatch(/^pk_live_[A-Za-z0-9_-]{43}$/);
  expect(apiToken).toMatchObject({ name: 'Zapier', scope: 'read', prefix: token.slice(0, 12), revokedAt: null, lastUsedAt: null });

  const listed = await callApi<{ data: ApiToken[] }>(server, '/admin/api-tokens', { token: adminSession });
  expect(listed.body.data.map((t) => t.id)).toEqual([apiToken.id]);
  expect(JSON.stringify(listed.body)).not.toContain(token);
  expect(await server.store.findApiTokenByHash(hashToken(token))).toMatchObject({ id: apiToken.id });

  await server.stop();
  const files = fs.readdirSync(server.dataDir).filter((name) => name.startsWith('parley.sqlite'));
  const bytes = Buffer.concat(files.map((name) => fs.readFileSync(path.join(server.dataDir, name))));
  expect(bytes.includes(Buffer.from(hashToken(token)))).toBe(true);
  expect(bytes.includes(Buffer.from(token.slice(12)))).toBe(false);
  server = await startTestServer({ dataDir: server.dataDir });
});

test('a read token reads and is refused every write; a read-write token writes as the admin who made it', async () => {
  const read = (await createApiToken(server, { adminToken: adminSession, scope: 'read' })).token;
  const write = (await createApiToken(server, { adminToken: adminSession, scope: 'read-write' })).token;
  expect((await callApi(server, '/v1/tickets', { token: read })).status).toBe(200);
  const refused = await callApi<ApiError>(server, '/v1/tickets', { method: 'POST', token: read, body: { subject: 'x', text: 'y' } });
  expect([refused.status, refused.body.error]).toEqual([403, { code: 'FORBIDDEN', message: 'This API token may only read.' }]);

  const ticket = await callApi<{ data: Ticket }>(server, '/v1/tickets', { method: 'POST', token: write, body: { subject: 'Refund', text: 'Order 42' } });
  expect(ticket.status).toBe(201);
  const timeline = await callApi<{ data: TicketWithTimeline }>(server, `/v1/tickets/${ticket.body.data.id}`, { token: read });
  expect(timeline.body.data.events[0]).toMatchObject({ kind: 'created', authorKind: 'agent', authorName: 'Admin', text: 'Order 42' });

  const { socket } = await connectVisitor(server.url, { siteKey: server.site.key });
  const { conversationId } = unwrap(await socket.emitWithAck('message:send', { clientId: 'token-visitor-01', text: 'Hi' }));
  socket.disconnect();
  const sent = await callApi<{ data: Message }>(server, `/v1/conversations/${conversationId}/messages`, { method: 'POST', token: write, body: { text: 'Hello' } });
  expect(sent.body.data.author).toMatchObject({ kind: 'agent', name: 'Admin' });
});

test("a read-write token uploads a file into a ticket and replies with it; a read token downloads it but uploads nothing", async () => {
  const read = (await createApiToken(server, { adminToken: adminSession, scope: 'read' })).token;
  const write = (await createApiToken(server, { adminToken: adminSession, scope: 'read-write' })).token;
  const ticket = (await callApi<{ data: Ticket }>(server, '/v1/tickets', {
    method: 'POST', token: write, body: { subject: 'Invoice', text: 'Needs a corrected invoice', requesterEmail: 'ana@example.test' },
  })).body.data;
  const upload = (token: string) =>
    fetch(`${server.url}/api/attachments?ticketId=${ticket.id}`, {
      method: 'POST', headers: { authorization: `Bearer ${token}`, [ATTACHMENT_HEADERS.fileName]: 'invoice.pdf' }, body: TINY_PDF,
    });

  const refused = await upload(read);
  expect([refused.status, ((await refused.json()) as ApiError).error]).toEqual([403, { code: 'FORBIDDEN', message: 'This API token may only read.' }]);
  const uploaded = await upload(write);
  expect(uploaded.status).toBe(201);
  const { attachment } = (await uploaded.json()) as AttachmentUploadResponse;

  const replied = await callApi<{ data: Ticket }>(server, `/v1/tickets/${ticket.id}/replies`, {
    method: 'POST', token: write, body: { text: '', attachments: [attachment.id] },
  });
  expect(replied.status).toBe(201);
  const timeline = (await callApi<{ data: TicketWithTimeline }>(server, `/v1/tickets/${ticket.id}`, { token: read })).body.data;
  expect(timeline.events.at(-1)).toMatchObject({ kind: 'reply', authorName: 'Admin', text: '', attachments: [attachment] });
  expect(server.mailer.sent.at(-1)).toMatchObject({ to: 'ana@example.test', template: 'ticket_reply', data: { files: 'invoice.pdf' } });

  // What the timeline lists, the read token downloads.
  const download = await fetch(`${server.url}/api/attachments/${attachment.id}`, { headers: { authorization: `Bearer ${read}` } });
  expect(download.status).toBe(200);
  expect(Buffer.from(await download.arrayBuffer()).equals(TINY_PDF)).toBe(true);
  // Neither text nor files: refused, as from the console.
  const empty = await callApi<ApiError>(server, `/v1/tickets/${ticket.id}/replies`, { method: 'POST', token: write, body: { text: ' ' } });
  expect([empty.status, empty.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
});

test('a revoked token stops at once; a token stops when its admin is deactivated', async () => {
  const { token, id } = await createApiToken(server, { adminToken: adminSession, scope: 'read' });
  expect((await callApi(server, '/v1/agents', { token })).status).toBe(200);
  const revoked = await callApi<{ data: ApiToken }>(server, `/admin/api-tokens/${id}`, { method: 'DELETE', token: adminSession });
  expect(revoked.body.data.revokedAt).toEqual(expect.any(String));
  const after = await callApi<ApiError>(server, '/v1/agents', { token });
  expect([after.status, after.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
  expect((await callApi(server, `/admin/api-tokens/${id}`, { method: 'DELETE', token: adminSession })).status).toBe(404);

  const other = await secondAdmin();
  const theirs = await createApiToken(server, { adminToken: other.session, scope: 'read-write' });
  expect((await callApi(server, '/v1/agents', { token: theirs.token })).status).toBe(200);
  expect((await callApi(server, `/admin/agents/${other.id}`, { method: 'PATCH', token: adminSession, body: { active: false } })).status).toBe(200);
  const orphaned = await callApi<ApiError>(server, '/v1/agents', { token: theirs.token });
  expect([orphaned.status, orphaned.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
  // Active again: the token works again (it was never revoked).
  await callApi(server, `/admin/agents/${other.id}`, { method: 'PATCH', token: adminSession, body: { active: true } });
  expect((await callApi(server, '/v1/agents', { token: theirs.token })).status).toBe(200);
});

test('tokens cannot manage tokens; agents cannot see or make them; sessions work on /api/v1', async () => {
  const write = (await createApiToken(server, { adminToken: adminSession, scope: 'read-write' })).token;
  for (const call of [{ method: 'GET' }, { method: 'POST', body: { name: 'more', scope: 'read-write' } }]) {
    const answer = await callApi<ApiError>(server, '/admin/api-tokens', { ...call, token: write });
    expect([answer.status, answer.body.error.code]).toEqual([403, 'FORBIDDEN']);
  }
  await server.store.createAgent({
    siteId: server.site.id, email: 'plain@example.test', name: 'Plain', role: 'agent', passwordHash: await hashPassword('plain agent password'),
  });
  const agent = (await login(server.url, 'plain@example.test', 'plain agent password')).token;
  expect((await callApi(server, '/admin/api-tokens', { token: agent })).status).toBe(403);
  expect((await callApi(server, '/admin/api-tokens', { method: 'POST', token: agent, body: { name: 'x', scope: 'read' } })).status).toBe(403);
  expect((await callApi(server, '/v1/conversations', { token: agent })).status).toBe(200);
  // An agent session may write where the agent may (a department is an admin's to create).
  expect((await callApi(server, '/v1/departments', { method: 'POST', token: agent, body: { name: 'Sales' } })).status).toBe(403);
});

test('use is recorded on the token', async () => {
  const { token, id } = await createApiToken(server, { adminToken: adminSession, scope: 'read' });
  await callApi(server, '/v1/agents', { token });
  const listed = await callApi<{ data: ApiToken[] }>(server, '/admin/api-tokens', { token: adminSession });
  expect(listed.body.data.find((t) => t.id === id)?.lastUsedAt).toEqual(expect.any(String));
});

test('a missing or malformed Authorization header is told what to send', async () => {
  for (const authorization of [undefined, 'Token pk_live_unknownunknownunknownunknownunknown00', 'Bearer']) {
    const answer = await fetch(`${server.url}/api/v1/tickets`, { headers: authorization ? { authorization } : {} });
    const body = (await answer.json()) as ApiError;
    expect([answer.status, body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
    expect(body.error.message).toMatch(/Authorization header of "Bearer " and an API token \(pk_live_…\)/);
  }
});

test('the Bearer scheme is taken in any case, and a token of the wrong shape is refused as not valid, not as missing', async () => {
  const { token } = await createApiToken(server, { adminToken: adminSession, scope: 'read' });
  for (const scheme of ['bearer', 'BEARER', 'Bearer']) {
    expect((await fetch(`${server.url}/api/v1/agents`, { headers: { authorization: `${scheme} ${token}` } })).status).toBe(200);
  }
  const short = await fetch(`${server.url}/api/v1/agents`, { headers: { authorization: 'Bearer pk_live_nope' } });
  const { error } = (await short.json()) as ApiError;
  expect([short.status, error.code]).toEqual([401, 'UNAUTHENTICATED']);
  expect(error.message).not.toMatch(/Send a token/);
});

test('an API token on a console-only route is told it is for the REST API, not that a session ended', async () => {
  const { token } = await createApiToken(server, { adminToken: adminSession, scope: 'read-write' });
  const answer = await fetch(`${server.url}/api/admin/agents`, { headers: { authorization: `Bearer ${token}` } });
  const { error } = (await answer.json()) as ApiError;
  expect([answer.status, error.code]).toEqual([401, 'UNAUTHENTICATED']);
  expect(error.message).toMatch(/API tokens are for the REST API \(\/api\/v1\)/);
});

test('a body that is not JSON is told to be sent as JSON, not that every field is missing', async () => {
  const { token } = await createApiToken(server, { adminToken: adminSession, scope: 'read-write' });
  const answer = await fetch(`${server.url}/api/v1/tickets`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' },
    body: JSON.stringify({ subject: 'Hello', text: 'Hi', requesterEmail: 'a@example.test' }),
  });
  const body = (await answer.json()) as ApiError;
  expect([answer.status, body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
  expect(body.error.message).toBe('Send the body as JSON, with the header Content-Type: application/json.');
  expect((await callApi<{ data: Ticket[] }>(server, '/v1/tickets', { token })).body.data).toEqual([]);
});
