/** Privacy over a real server: an admin exports and erases a contact, a visitor forgets themselves, retention purges old chats. */
import fs from 'node:fs';
import path from 'node:path';
import { ATTACHMENT_HEADERS, type ContactErasedNotice, type ContactExport, type ContactSummary, type ErasureRecord, type MessageAttachment } from '@parley/shared';
import { hashPassword } from './domain/password';
import { connectAgent, connectVisitor, eventMatching, login, nextEvent, unwrap, type AgentClient, type VisitorClient } from './test-support/clients';
import { PNG_1x1 } from './test-support/attachment-fixtures';
import { startTestServer, type TestServer } from './test-support/test-server';

jest.setTimeout(30_000);

let server: TestServer;
let adminToken: string;
let clock: Date;

beforeEach(async () => {
  clock = new Date();
  server = await startTestServer({ now: () => clock });
  adminToken = (await login(server.url, server.admin.email, server.admin.password)).token;
});
afterEach(() => server.stop());

async function visitor(): Promise<{ socket: VisitorClient; token: string; id: string }> {
  const { socket, session } = await connectVisitor(server.url, { siteKey: server.site.key });
  server.track(socket);
  return { socket, token: session.visitorToken, id: session.visitorId };
}

async function adminConsole(): Promise<AgentClient> {
  const socket = await connectAgent(server.url, adminToken);
  server.track(socket);
  return socket;
}

function privacyApi(path: string, body?: object, token = adminToken): Promise<Response> {
  return fetch(`${server.url}/api/admin/privacy${path}`, {
    method: body ? 'POST' : 'GET',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
}

async function json<T>(response: Response): Promise<T> {
  if (!response.ok) throw new Error(`${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

async function uploadFrom(v: { token: string }): Promise<MessageAttachment> {
  const response = await fetch(`${server.url}/api/attachments`, {
    method: 'POST',
    headers: {
      'content-type': 'image/png', [ATTACHMENT_HEADERS.fileName]: 'passport.png',
      [ATTACHMENT_HEADERS.visitorToken]: v.token, [ATTACHMENT_HEADERS.siteKey]: server.site.key,
    },
    body: PNG_1x1,
  });
  return ((await json<{ attachment: MessageAttachment }>(response))).attachment;
}

/** Vera: an identified visitor with a message, a file and an e-mail to her; Otto: another visitor. */
async function seedTwoContacts() {
  const vera = await visitor();
  unwrap(await vera.socket.emitWithAck('visitor:identify', { name: 'Vera', email: 'vera@example.com' }));
  const file = await uploadFrom(vera);
  const sent = unwrap(await vera.socket.emitWithAck('message:send', { clientId: 'vera-msg-0001', text: 'My passport is attached', attachments: [file.id] }));
  await server.store.enqueueEmail({ siteId: server.site.id, to: 'vera@example.com', locale: 'en', template: 'chat_transcript', data: { transcript: 'My passport' } });
  const otto = await visitor();
  unwrap(await otto.socket.emitWithAck('visitor:identify', { email: 'otto@example.com' }));
  const ottoSent = unwrap(await otto.socket.emitWithAck('message:send', { clientId: 'otto-msg-0001', text: 'Otto asks about shipping' }));
  const record = await server.store.findAttachment(file.id);
  return { vera, otto, file, fileId: record?.fileId ?? '', conversationId: sent.conversationId, ottoConversationId: ottoSent.conversationId };
}

const fileOnDisk = (fileId: string) => fs.existsSync(path.join(server.dataDir, 'files', fileId.slice(0, 2), fileId));

test("an admin's export by e-mail holds the contact's messages, file and e-mail, and nothing of another contact", async () => {
  const { file, conversationId } = await seedTwoContacts();
  const { summary } = await json<{ summary: ContactSummary }>(await privacyApi('/contact/summary', { email: 'Vera@Example.com' }));
  expect(summary.visitors).toEqual([expect.objectContaining({ name: 'Vera', email: 'vera@example.com', verified: false })]);
  expect(summary.counts).toMatchObject({ visitors: 1, conversations: 1, messages: 1, attachments: 1, emails: 1 });

  const response = await privacyApi('/contact/export', { email: 'vera@example.com' });
  expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="?parley-contact-\d{4}-\d\d-\d\d\.json"?$/);
  const exported = await json<ContactExport>(response);
  expect(exported.format).toBe('parley-contact-export/1');
  expect(exported.conversations.map((c) => c.id)).toEqual([conversationId]);
  expect(exported.messages.map((m) => m.text)).toEqual(['My passport is attached']);
  expect(exported.attachments).toEqual([expect.objectContaining({ id: file.id, name: 'passport.png', uploaderKind: 'visitor' })]);
  expect(exported.emails.map((e) => e.to)).toEqual(['vera@example.com']);
  expect(JSON.stringify(exported)).not.toMatch(/otto|shipping/i);
});

test('erasing a contact removes records and files, ends their widget, clears agents’ lists, and answers like a missing id afterwards', async () => {
  const { vera, otto, file, fileId, conversationId, ottoConversationId } = await seedTwoContacts();
  const agent = await adminConsole();
  expect(fileOnDisk(fileId)).toBe(true);
  const missingBefore = await agent.emitWithAck('conversation:open', { conversationId: 'Zq3xMissingId00000000001' });

  const erasedNotice = nextEvent<ContactErasedNotice>(agent, 'contact:erased');
  const disconnected = new Promise<string>((resolve) => vera.socket.once('disconnect', resolve));
  const { erasure } = await json<{ erasure: ErasureRecord }>(await privacyApi('/contact/erase', { visitorId: vera.id }));
  expect(erasure.counts).toMatchObject({ visitors: 1, conversations: 1, messages: 1, attachments: 1, emails: 1 });
  expect(await erasedNotice).toEqual({ conversationIds: [conversationId], ticketIds: [], visitorIds: [vera.id] });
  expect(await disconnected).toBe('io server disconnect');

  expect(fileOnDisk(fileId)).toBe(false);
  const opened = await agent.emitWithAck('conversation:open', { conversationId });
  expect(JSON.stringify(opened)).toBe(JSON.stringify(missingBefore));
  const download = await fetch(`${server.url}/api/attachments/${file.id}`, { headers: { authorization: `Bearer ${adminToken}` } });
  expect(download.status).toBe(404);
  // Her old token is unknown now: the widget starts as a new visitor.
  const back = await connectVisitor(server.url, { siteKey: server.site.key, visitorToken: vera.token });
  server.track(back.socket);
  expect(back.session.visitorId).not.toBe(vera.id);

  // Otto is untouched.
  expect(unwrap(await otto.socket.emitWithAck('conversation:history', {}))?.conversation.id).toBe(ottoConversationId);
  expect(await server.store.listOutbox({ siteId: server.site.id })).toEqual([]);

  // Idempotent: the same request again erases nothing and still succeeds.
  const again = await json<{ erasure: ErasureRecord }>(await privacyApi('/contact/erase', { visitorId: vera.id }));
  expect(Object.values(again.erasure.counts).every((n) => n === 0)).toBe(true);
  const { erasures } = await json<{ erasures: ErasureRecord[] }>(await privacyApi('/erasures'));
  expect(erasures).toHaveLength(2);
  expect(erasures[1]).toMatchObject({ actor: { kind: 'agent' }, actorName: expect.any(String), counts: erasure.counts });
  expect(JSON.stringify(erasures)).not.toMatch(/vera|passport/i);
});

test('a plain agent may neither see nor erase a contact', async () => {
  await seedTwoContacts();
  const email = 'plain.agent@example.test';
  await server.store.createAgent({ siteId: server.site.id, email, name: 'Plain', role: 'agent', passwordHash: await hashPassword('plain agent password') });
  const token = (await login(server.url, email, 'plain agent password')).token;
  for (const [route, body] of [['/contact/summary', { email: 'vera@example.com' }], ['/contact/export', { email: 'vera@example.com' }], ['/contact/erase', { email: 'vera@example.com' }], ['/erasures', undefined]] as const) {
    expect((await privacyApi(route, body, token)).status).toBe(403);
  }
  expect(await server.store.findVisitorsByEmail(server.site.id, 'vera@example.com')).toHaveLength(1);
});

test('"forget me" erases only the asking visitor, whatever the payload names, and ends their session', async () => {
  const { vera, otto, fileId, conversationId, ottoConversationId } = await seedTwoContacts();
  const agent = await adminConsole();
  // Otto's offline request under his address; Vera claims that address (unverified) before forgetting herself.
  unwrap(await otto.socket.emitWithAck('ticket:create', { email: 'otto@example.com', message: 'Call me back' }));
  unwrap(await vera.socket.emitWithAck('visitor:identify', { email: 'otto@example.com' }));

  const naming = await vera.socket.emitWithAck('visitor:forget', { confirm: true, visitorId: otto.id } as unknown as { confirm: true });
  expect(naming).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  expect(await vera.socket.emitWithAck('visitor:forget', {} as { confirm: true })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });

  const notice = eventMatching<ContactErasedNotice>(agent, 'contact:erased', (n) => n.visitorIds.includes(vera.id));
  const disconnected = new Promise<string>((resolve) => vera.socket.once('disconnect', resolve));
  const answer = unwrap(await vera.socket.emitWithAck('visitor:forget', { confirm: true }));
  expect(answer.erased).toMatchObject({ visitors: 1, conversations: 1, messages: 1, attachments: 1, emails: 0, tickets: 0 });
  expect((await notice).conversationIds).toEqual([conversationId]);
  expect(await disconnected).toBe('io server disconnect');
  expect(fileOnDisk(fileId)).toBe(false);
  expect(await server.store.findConversation(conversationId)).toBeNull();

  expect(await server.store.findConversation(ottoConversationId)).not.toBeNull();
  expect(await server.store.listVisitorTickets(server.site.id, otto.id)).toHaveLength(1);
  const { erasures } = await json<{ erasures: ErasureRecord[] }>(await privacyApi('/erasures'));
  expect(erasures[0]).toMatchObject({ actor: { kind: 'visitor' }, actorName: null });
});

test('retention purges resolved chats older than the limit once the clock passes it, and keeps newer ones', async () => {
  const patch = await fetch(`${server.url}/api/admin/site/settings`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ retentionDays: 30 }),
  });
  expect((await json<{ site: { settings: { retentionDays: number } } }>(patch)).site.settings.retentionDays).toBe(30);
  const { vera, otto, fileId, conversationId, ottoConversationId } = await seedTwoContacts();
  await server.store.resolveConversation(conversationId);
  const agent = await adminConsole();

  clock = new Date(Date.now() + 29 * 24 * 3600_000);
  expect(await server.app.privacy.purgeExpired()).toBe(0);
  expect(await server.store.findConversation(conversationId)).not.toBeNull();

  clock = new Date(Date.now() + 31 * 24 * 3600_000);
  const notice = nextEvent<ContactErasedNotice>(agent, 'contact:erased');
  expect(await server.app.privacy.purgeExpired()).toBe(1);
  expect((await notice).conversationIds).toEqual([conversationId]);
  expect(await server.store.findConversation(conversationId)).toBeNull();
  expect(fileOnDisk(fileId)).toBe(false);
  // Otto's chat is still open: retention never takes a conversation in progress.
  expect(await server.store.findConversation(ottoConversationId)).not.toBeNull();
  // The visitor record stays (the widget still knows them); only the old conversation went.
  expect(await server.store.findVisitorById(vera.id)).not.toBeNull();
  expect(otto.socket.connected).toBe(true);
  // A second sweep (or another process) finds nothing left and logs nothing more.
  expect(await server.app.privacy.purgeExpired()).toBe(0);
  // From the store: a month on, the admin's console session has long expired.
  const erasures = await server.store.listErasures(server.site.id, 10);
  expect(erasures.map((e) => e.actor.kind)).toEqual(['retention']);
});
