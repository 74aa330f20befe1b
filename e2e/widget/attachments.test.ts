/**
 * Files both ways through the built widget in Chromium: the visitor attaches an image and a PDF (the
 * agent gets both, byte for byte), a refused file says why, and the agent's image shows as a
 * thumbnail and their document downloads from the panel. Tokens only ever travel in headers.
 */
import { readFileSync } from 'node:fs';
import type { LoginResponse, Message } from '@parley/shared';
import { VisitorWidgetPage } from '../pages/visitor-widget.page';
import { screenshot } from '../support/browser';
import { unwrap } from '../support/socket-clients';
import { solidPng, TINY_PDF } from '../support/test-files';
import { AgentDesk } from './support/agent-desk';
import { hostPageHtml, startHostSite, type HostSite } from './support/host-site';
import { collectPageErrors, startWidgetHarness, type WidgetHarness } from './support/widget-harness';

const PDF = TINY_PDF;
const TEAPOT = solidPng(160, 100, [46, 125, 50]);
const AGENT_PHOTO = solidPng(120, 120, [183, 28, 28]);
const CARE_NOTE = Buffer.from('Rinse the teapot with hot water; never use soap.\n');

let harness: WidgetHarness;
let site: HostSite;
let agent: AgentDesk;
let agentToken: string;

beforeAll(async () => {
  harness = await startWidgetHarness();
  site = await startHostSite({ '/': { body: hostPageHtml({ parleyUrl: harness.parley.url, siteKey: harness.siteKey }) } });
  agent = await AgentDesk.signIn(harness.parley.url, harness.parley.admin);
  const login = await fetch(`${harness.parley.url}/api/agent/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(harness.parley.admin),
  });
  agentToken = ((await login.json()) as LoginResponse).token;
});

afterAll(async () => {
  agent?.close();
  await site?.stop();
  await harness?.stop();
});

async function agentUpload(conversationId: string, name: string, bytes: Buffer): Promise<string> {
  const response = await fetch(`${harness.parley.url}/api/attachments?conversationId=${conversationId}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${agentToken}`, 'x-parley-file-name': encodeURIComponent(name) },
    body: new Uint8Array(bytes),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { attachment: { id: string } }).attachment.id;
}

async function agentDownload(id: string): Promise<Buffer> {
  const response = await fetch(`${harness.parley.url}/api/attachments/${id}`, {
    headers: { authorization: `Bearer ${agentToken}` },
  });
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

test('a visitor sends an image and a PDF, is told why an SVG cannot go, and gets the agent’s image and note', async () => {
  const context = await harness.browser.newContext({ viewport: { width: 1100, height: 800 } });
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  const fileRequests: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/api/attachments')) fileRequests.push(request.url());
  });
  const visitor = new VisitorWidgetPage(page);
  try {
    await visitor.goto(site.url('/'));
    await visitor.open();
    // A first message opens the conversation (and gives the panel its visitor token).
    await visitor.send('Hello, I have photos of my order');
    const first = await agent.visitorMessage('Hello, I have photos of my order');

    const chooser = visitor.panel.getByTestId('file-chooser');
    await visitor.panel.getByRole('button', { name: 'Attach files' }).waitFor();
    await chooser.setInputFiles([
      { name: 'teapot.png', mimeType: 'image/png', buffer: TEAPOT },
      { name: 'order 1042.pdf', mimeType: 'application/pdf', buffer: PDF },
      { name: 'logo.svg', mimeType: 'image/svg+xml', buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') },
    ]);
    const picked = visitor.panel.getByTestId('picked-files');
    await picked.locator('li[data-state="ready"]').nth(1).waitFor();
    const refusal = picked.locator('li[data-state="failed"]');
    await refusal.getByRole('alert').waitFor();
    expect(await refusal.innerText()).toContain("This kind of file can't be sent");
    await screenshot(page, 'widget-attachments-01-picked');
    await refusal.getByRole('button', { name: 'Remove logo.svg' }).click();

    await visitor.send('Here is my teapot and the order');
    const sent = await agent.visitorMessage('Here is my teapot and the order');
    expect(sent.conversationId).toBe(first.conversationId);
    expect(sent.attachments?.map(({ name, contentType, isImage }) => ({ name, contentType, isImage }))).toEqual([
      { name: 'teapot.png', contentType: 'image/png', isImage: true },
      { name: 'order 1042.pdf', contentType: 'application/pdf', isImage: false },
    ]);
    expect(await agentDownload(sent.attachments![0]!.id)).toEqual(TEAPOT);
    expect(await agentDownload(sent.attachments![1]!.id)).toEqual(PDF);
    // The visitor's own message shows its files too.
    const mine = visitor.messages('visitor').filter({ hasText: 'Here is my teapot' });
    await mine.getByRole('img', { name: 'teapot.png' }).waitFor();
    await mine.getByRole('button', { name: /order 1042\.pdf/ }).waitFor();

    const ids = [await agentUpload(sent.conversationId, 'new lid.png', AGENT_PHOTO), await agentUpload(sent.conversationId, 'care.txt', CARE_NOTE)];
    const reply: Message = unwrap(
      await agent.socket.emitWithAck('message:send', {
        conversationId: sent.conversationId,
        clientId: `e2e-files-${Date.now()}`,
        text: 'Thanks! Here is the new lid, and how to look after it.',
        attachments: ids,
      }),
    );
    expect(reply.attachments).toHaveLength(2);

    const theirs = visitor.messages('agent').filter({ hasText: 'Here is the new lid' });
    const photo = theirs.getByRole('img', { name: 'new lid.png' });
    await photo.waitFor();
    expect(await photo.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.src.startsWith('blob:')])).toEqual([120, true]);
    const note = theirs.getByRole('button', { name: /care\.txt/ });
    const [download] = await Promise.all([page.waitForEvent('download'), note.click()]);
    expect(download.suggestedFilename()).toBe('care.txt');
    expect(readFileSync(await download.path())).toEqual(CARE_NOTE);
    await screenshot(page, 'widget-attachments-02-both-ways');

    // Uploads and downloads went by the panel, none with anything but an id in its URL.
    expect(fileRequests.length).toBeGreaterThanOrEqual(5);
    for (const url of fileRequests) expect(new URL(url).pathname + new URL(url).search).toMatch(/^\/api\/attachments(\/[\w-]+)?$/);
    // Chromium logs the refused SVG's 400; nothing else went wrong.
    expect(errors.filter((line) => !/api\/attachments\): .*status of 400/.test(line))).toEqual([]);
    expect(errors).toHaveLength(1);
  } finally {
    await context.close();
  }
});
