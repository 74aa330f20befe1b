/** Attachments over a real server: uploads checked by their bytes, sent with messages, downloaded only by those who may. */
import {
  ATTACHMENT_HEADERS,
  type AttachmentUploadResponse,
  type Message,
  type MessageAttachment,
  type ParleyError,
} from '@parley/shared';
import { hashPassword } from './domain/password';
import { connectAgent, connectVisitor, eventMatching, login, unwrap, type AgentClient, type VisitorClient } from './test-support/clients';
import { startTestServer, type TestServer } from './test-support/test-server';
import { PNG_1x1, storedZip, TINY_PDF } from './test-support/attachment-fixtures';
import { until } from './test-support/until';

// Real servers, scrypt sign-ins and 10 MB bodies: generous on a busy machine.
jest.setTimeout(30_000);

let server: TestServer;
let adminToken: string;

beforeEach(async () => {
  server = await startTestServer();
  adminToken = (await login(server.url, server.admin.email, server.admin.password)).token;
});
afterEach(() => server.stop());

interface VisitorHeaders {
  [ATTACHMENT_HEADERS.visitorToken]: string;
  [ATTACHMENT_HEADERS.siteKey]: string;
}

async function visitorOn(target: TestServer = server): Promise<{ socket: VisitorClient; headers: VisitorHeaders }> {
  const { socket, session } = await connectVisitor(target.url, { siteKey: target.site.key });
  server.track(socket);
  return { socket, headers: { [ATTACHMENT_HEADERS.visitorToken]: session.visitorToken, [ATTACHMENT_HEADERS.siteKey]: target.site.key } };
}

async function adminConsole(): Promise<AgentClient> {
  const socket = await connectAgent(server.url, adminToken);
  server.track(socket);
  return socket;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

function upload(
  body: Buffer | ReadableStream<Uint8Array>,
  options: { name?: string; headers: Record<string, string>; query?: string; contentType?: string },
): Promise<Response> {
  return fetch(`${server.url}/api/attachments${options.query ?? ''}`, {
    method: 'POST',
    headers: {
      'content-type': options.contentType ?? 'application/octet-stream',
      ...(options.name === undefined ? {} : { [ATTACHMENT_HEADERS.fileName]: encodeURIComponent(options.name) }),
      ...options.headers,
    },
    body,
    // A stream body goes out chunked, without Content-Length.
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);
}

async function uploaded(response: Response): Promise<MessageAttachment> {
  if (response.status !== 201) throw new Error(`upload answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as AttachmentUploadResponse).attachment;
}

async function refusal(response: Response): Promise<{ status: number; error: ParleyError }> {
  return { status: response.status, ...((await response.json()) as { error: ParleyError }) };
}

const download = (id: string, headers: Record<string, string>) => fetch(`${server.url}/api/attachments/${id}`, { headers });

test('a visitor uploads an image, sends it without text, the agent gets it live, and both can download it', async () => {
  const agent = await adminConsole();
  const visitor = await visitorOn();
  const attachment = await uploaded(await upload(PNG_1x1, { name: 'cat.png', headers: { ...visitor.headers } }));
  expect(attachment).toEqual({ id: expect.any(String), name: 'cat.png', size: PNG_1x1.length, contentType: 'image/png', isImage: true });
  expect(attachment.id.length).toBeGreaterThanOrEqual(22);

  const live = eventMatching<Message>(agent, 'message:new', (m) => m.clientId === 'att-visitor-01');
  const sent = unwrap(await visitor.socket.emitWithAck('message:send', { clientId: 'att-visitor-01', text: '', attachments: [attachment.id] }));
  expect(sent.attachments).toEqual([attachment]);
  expect((await live).attachments).toEqual([attachment]);

  for (const headers of [visitor.headers, bearer(adminToken)]) {
    const response = await download(attachment.id, { ...headers });
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(PNG_1x1)).toBe(true);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('content-disposition')).toBe(`inline; filename="cat.png"; filename*=UTF-8''cat.png`);
  }
  const history = unwrap(await agent.emitWithAck('conversation:open', { conversationId: sent.conversationId }));
  expect(history.messages.find((m) => m.id === sent.id)?.attachments).toEqual([attachment]);
});

test('an agent attaches a PDF with a non-ASCII name; the visitor receives it and downloads it as an attachment, never rendered', async () => {
  const agent = await adminConsole();
  const visitor = await visitorOn();
  const { conversationId } = unwrap(await visitor.socket.emitWithAck('message:send', { clientId: 'att-pdf-0001', text: 'my invoice?' }));
  const pdf = TINY_PDF;
  const attachment = await uploaded(
    await upload(pdf, { name: 'Счёт №5 "final".pdf', headers: bearer(adminToken), query: `?conversationId=${conversationId}`, contentType: 'text/html' }),
  );
  expect(attachment).toMatchObject({ contentType: 'application/pdf', isImage: false, name: 'Счёт №5 "final".pdf' });

  const live = eventMatching<Message>(visitor.socket, 'message:new', (m) => m.clientId === 'att-pdf-0002');
  unwrap(await agent.emitWithAck('message:send', { conversationId, clientId: 'att-pdf-0002', text: 'Here it is', attachments: [attachment.id] }));
  expect((await live).attachments).toEqual([attachment]);

  const response = await download(attachment.id, { ...visitor.headers });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/pdf');
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
  expect(response.headers.get('content-disposition')).toBe(
    `attachment; filename="____ _5 _final_.pdf"; filename*=UTF-8''${encodeURIComponent('Счёт №5 "final".pdf')}`,
  );
  expect(response.headers.get('cache-control')).toBe('private, no-store');
  expect(Buffer.from(await response.arrayBuffer()).equals(pdf)).toBe(true);
});

test.each([
  ['HTML renamed to .png', '<!DOCTYPE html><html><body><script>alert(1)</script></body></html>', 'photo.png'],
  ['SVG renamed to .png', '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>', 'photo.png'],
  ['bare SVG as .txt', '  <svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', 'notes.txt'],
  ['a zip that is no Office file, named .docx', storedZip({ 'index.html': '<script>alert(1)</script>' }), 'report.docx'],
  ['an executable', Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]), 'setup.pdf'],
])('%s is refused by its bytes, whatever it claims', async (_label, content, name) => {
  const visitor = await visitorOn();
  const response = await upload(Buffer.from(content), { name, headers: { ...visitor.headers }, contentType: 'image/png' });
  const { status, error } = await refusal(response);
  expect(status).toBe(400);
  expect(error).toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ path: 'file.type' }] });
});

test('plain text and Office files are accepted by content; a text file named .html is kept as .txt', async () => {
  const visitor = await visitorOn();
  const text = await uploaded(await upload(Buffer.from('Order 1234\nstill broken <b>help</b>\n'), { name: 'page.html', headers: { ...visitor.headers } }));
  expect(text).toMatchObject({ name: 'page.html.txt', contentType: 'text/plain', isImage: false });
  const docx = storedZip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' });
  expect(await uploaded(await upload(docx, { name: 'report.docx', headers: { ...visitor.headers } }))).toMatchObject({
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  });
  const xlsx = storedZip({ '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<workbook/>' });
  expect(await uploaded(await upload(xlsx, { name: 'sheet.xlsx', headers: { ...visitor.headers } }))).toMatchObject({
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  });

  const response = await download(text.id, { ...visitor.headers });
  expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
  expect(response.headers.get('content-disposition')).toMatch(/^attachment; /);
});

test('an upload whose request says it is a form (curl --data-binary) is taken by its bytes like any other', async () => {
  const visitor = await visitorOn();
  const form = 'application/x-www-form-urlencoded';
  const small = await upload(Buffer.from('ada private file content\n'), { name: 'ada.txt', headers: { ...visitor.headers }, contentType: form });
  expect(await uploaded(small)).toMatchObject({ name: 'ada.txt', contentType: 'text/plain', size: 25 });
  const larger = await upload(Buffer.alloc(40_000, 'a'), { name: 'notes.txt', headers: { ...visitor.headers }, contentType: form });
  expect(await uploaded(larger)).toMatchObject({ size: 40_000 });
});

test('a file over the limit is refused with file.size, declared or streamed, and the connection still answers', async () => {
  const visitor = await visitorOn();
  const big = Buffer.alloc(10 * 1024 * 1024 + 1, 'a');
  const declared = await refusal(await upload(big, { name: 'big.txt', headers: { ...visitor.headers } }));
  expect(declared).toMatchObject({ status: 400, error: { code: 'VALIDATION_FAILED', issues: [{ path: 'file.size' }] } });
  expect(declared.error.message).toBe('The file is larger than 10 MB.');

  const chunk = Buffer.alloc(1024 * 1024, 'b');
  let sent = 0;
  const streamed = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent > 11) return controller.close();
      sent += 1;
      controller.enqueue(chunk);
    },
  });
  const chunked = await refusal(await upload(streamed, { name: 'big.txt', headers: { ...visitor.headers } }));
  expect(chunked).toMatchObject({ status: 400, error: { issues: [{ path: 'file.size' }] } });
  expect(await refusal(await upload(Buffer.alloc(0), { name: 'empty.txt', headers: { ...visitor.headers } }))).toMatchObject({
    status: 400, error: { issues: [{ path: 'file.empty' }] },
  });
  // Nothing of the refused files was kept.
  const { readdirSync } = await import('node:fs');
  const { join } = await import('node:path');
  expect(readdirSync(join(server.dataDir, 'files')).filter((entry) => entry !== '.incoming')).toEqual([]);
  expect(readdirSync(join(server.dataDir, 'files', '.incoming'))).toEqual([]);
});

test('an upload cut off midway leaves nothing behind, not even a temporary file', async () => {
  const visitor = await visitorOn();
  const { readdirSync } = await import('node:fs');
  const { join } = await import('node:path');
  const incoming = join(server.dataDir, 'files', '.incoming');
  const abort = new AbortController();
  let pulls = 0;
  const endless = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (abort.signal.aborted) return controller.close();
      pulls += 1;
      // More than the bytes the type is judged by, so the file is being stored when the cut comes.
      if (pulls === 1) controller.enqueue(Buffer.from('plain text that never ends\n'.repeat(40)));
      else await new Promise((resolve) => setTimeout(resolve, 50)).then(() => controller.enqueue(Buffer.from('more\n')));
    },
  });
  const request = fetch(`${server.url}/api/attachments`, {
    method: 'POST', headers: { ...visitor.headers, [ATTACHMENT_HEADERS.fileName]: 'endless.txt' }, body: endless, duplex: 'half', signal: abort.signal,
  } as RequestInit);
  await until(() => readdirSync(incoming).length > 0);
  abort.abort();
  await expect(request).rejects.toThrow();
  await until(() => readdirSync(incoming).length === 0);
  expect(readdirSync(join(server.dataDir, 'files'))).toEqual(['.incoming']);
});

test("another visitor, another site's agent and a missing id all get the same 404", async () => {
  const owner = await visitorOn();
  const attachment = await uploaded(await upload(PNG_1x1, { name: 'mine.png', headers: { ...owner.headers } }));
  unwrap(await owner.socket.emitWithAck('message:send', { clientId: 'att-priv-001', text: 'see', attachments: [attachment.id] }));

  const stranger = await visitorOn();
  const otherSite = await server.store.createSite({ key: 'other_site_attach', name: 'Other' });
  await server.store.createAgent({
    siteId: otherSite.id, email: 'outsider@example.test', name: 'Outsider', role: 'admin', passwordHash: await hashPassword('outsider password'),
  });
  const outsiderToken = (await login(server.url, 'outsider@example.test', 'outsider password')).token;

  const missing = await download('Zq3xMissingId00000000001', { ...owner.headers });
  const missingBody = await missing.json();
  expect(missing.status).toBe(404);
  for (const headers of [stranger.headers, bearer(outsiderToken)]) {
    const response = await download(attachment.id, { ...headers });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual(missingBody);
  }
  // Neither may they send it with their own message.
  const reuse = await stranger.socket.emitWithAck('message:send', { clientId: 'att-priv-002', text: 'mine now', attachments: [attachment.id] });
  expect(reuse).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
});

test('credentials go in headers only: none, a token in the URL, or a forged one get 401', async () => {
  const visitor = await visitorOn();
  const attachment = await uploaded(await upload(PNG_1x1, { name: 'a.png', headers: { ...visitor.headers } }));
  const token = visitor.headers[ATTACHMENT_HEADERS.visitorToken];
  for (const response of [
    await download(attachment.id, {}),
    await fetch(`${server.url}/api/attachments/${attachment.id}?visitorToken=${token}&siteKey=${server.site.key}`),
    await download(attachment.id, { ...visitor.headers, [ATTACHMENT_HEADERS.visitorToken]: 'x'.repeat(43) }),
    await upload(PNG_1x1, { name: 'b.png', headers: {} }),
    await upload(PNG_1x1, { name: 'b.png', headers: bearer('forgedforgedforgedforgedforged') }),
  ]) {
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
  }
});

test('files go out with one message only, at most five, from the sender, and not unsent to agents', async () => {
  const agent = await adminConsole();
  const visitor = await visitorOn();
  const ids: string[] = [];
  for (let i = 0; i < 6; i += 1) ids.push((await uploaded(await upload(PNG_1x1, { name: `p${i}.png`, headers: { ...visitor.headers } }))).id);
  const [first = ''] = ids;
  // Unsent, a visitor's upload is theirs alone.
  expect((await download(first, bearer(adminToken))).status).toBe(404);

  const six = await visitor.socket.emitWithAck('message:send', { clientId: 'att-many-001', text: 'six', attachments: ids });
  expect(six).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  const empty = await visitor.socket.emitWithAck('message:send', { clientId: 'att-many-002', text: '  ' });
  expect(empty).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', issues: [{ path: 'text', message: 'must not be empty' }] } });

  const sent = unwrap(await visitor.socket.emitWithAck('message:send', { clientId: 'att-many-003', text: 'two', attachments: ids.slice(0, 2) }));
  expect(sent.attachments?.map((a) => a.id)).toEqual(ids.slice(0, 2));
  // A resend of the same message is answered with the stored one, files and all.
  const resent = unwrap(await visitor.socket.emitWithAck('message:send', { clientId: 'att-many-003', text: 'two', attachments: ids.slice(0, 2) }));
  expect(resent).toEqual(sent);
  const again = await visitor.socket.emitWithAck('message:send', { clientId: 'att-many-004', text: 'again', attachments: [first] });
  expect(again).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  // The agent may not send the visitor's file as theirs.
  const third = ids[2] ?? '';
  const borrowed = await agent.emitWithAck('message:send', { conversationId: sent.conversationId, clientId: 'att-many-005', text: 'x', attachments: [third] });
  expect(borrowed).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  // A failed send leaves the file free for the next try.
  unwrap(await visitor.socket.emitWithAck('message:send', { clientId: 'att-many-006', text: '', attachments: [third] }));
});

test("an internal note's file is for agents only", async () => {
  const agent = await adminConsole();
  const visitor = await visitorOn();
  const { conversationId } = unwrap(await visitor.socket.emitWithAck('message:send', { clientId: 'att-note-001', text: 'hello' }));
  const note = await uploaded(await upload(Buffer.from('internal: refund approved\n'), { name: 'note.txt', headers: bearer(adminToken), query: `?conversationId=${conversationId}` }));
  unwrap(await agent.emitWithAck('message:send', { conversationId, clientId: 'att-note-002', text: '', internal: true, attachments: [note.id] }));
  expect((await download(note.id, bearer(adminToken))).status).toBe(200);
  expect((await download(note.id, { ...visitor.headers })).status).toBe(404);
});

test('an agent uploads only into an open conversation of their site', async () => {
  const visitor = await visitorOn();
  const noConversation = await refusal(await upload(PNG_1x1, { name: 'a.png', headers: bearer(adminToken) }));
  expect(noConversation).toMatchObject({ status: 400, error: { code: 'VALIDATION_FAILED' } });
  const missing = await refusal(await upload(PNG_1x1, { name: 'a.png', headers: bearer(adminToken), query: '?conversationId=Zq3xMissingId00000000001' }));
  expect(missing).toMatchObject({ status: 404, error: { code: 'CONVERSATION_NOT_FOUND' } });
  const { conversationId } = unwrap(await visitor.socket.emitWithAck('message:send', { clientId: 'att-open-001', text: 'hi' }));
  expect((await upload(PNG_1x1, { name: 'a.png', headers: bearer(adminToken), query: `?conversationId=${conversationId}` })).status).toBe(201);
});

test('uploads are rate-limited per visitor', async () => {
  const visitor = await visitorOn();
  const statuses: number[] = [];
  for (let i = 0; i < 21; i += 1) statuses.push((await upload(PNG_1x1, { name: 'r.png', headers: { ...visitor.headers } })).status);
  expect(statuses.slice(0, 20).every((status) => status === 201)).toBe(true);
  const limited = await refusal(await upload(PNG_1x1, { name: 'r.png', headers: { ...visitor.headers } }));
  expect(limited).toMatchObject({ status: 429, error: { code: 'RATE_LIMITED' } });
});

test('files and their messages survive a restart', async () => {
  const visitor = await visitorOn();
  const attachment = await uploaded(await upload(PNG_1x1, { name: 'kept.png', headers: { ...visitor.headers } }));
  unwrap(await visitor.socket.emitWithAck('message:send', { clientId: 'att-keep-001', text: 'keep this', attachments: [attachment.id] }));
  visitor.socket.disconnect();
  const { dataDir } = server;
  await server.stop();

  server = await startTestServer({ dataDir });
  const response = await download(attachment.id, { ...visitor.headers });
  expect(response.status).toBe(200);
  expect(Buffer.from(await response.arrayBuffer()).equals(PNG_1x1)).toBe(true);
  const again = await connectVisitor(server.url, { siteKey: server.site.key, visitorToken: visitor.headers[ATTACHMENT_HEADERS.visitorToken] });
  server.track(again.socket);
  const history = unwrap(await again.socket.emitWithAck('conversation:history', {}));
  expect(history?.messages.at(-1)?.attachments).toEqual([attachment]);
});
