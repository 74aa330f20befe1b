/**
 * On a phone with its on-screen keyboard open (360×300, 320×260) the composer stays whole inside the
 * panel, with suggested articles above it and with "This chat has ended" too: the suggestions shrink
 * and scroll instead. And a long file name is shortened in its chip, its × and a refusal beside it
 * staying inside the panel.
 */
import type { Locator } from 'playwright-core';
import { AdminApi } from '../support/admin-api';
import { screenshot } from '../support/browser';
import { unwrap } from '../support/socket-clients';
import { VisitorWidgetPage } from '../pages/visitor-widget.page';
import { useWidgetScene } from './support/widget-scene';
import { collectPageErrors } from './support/widget-harness';

const scene = useWidgetScene();
const LONG_NAME = 'quarterly-invoice-for-order-number-123456789-final-version-2.txt';

beforeAll(async () => {
  const admin = await AdminApi.signIn(scene.harness.parley.url, scene.harness.parley.admin);
  await admin.publishArticle({
    language: 'en',
    title: 'Shipping costs and free delivery threshold',
    summary: 'Shipping is free above 50 euros.',
    bodyMarkdown: 'Shipping costs 4.90 euros; above 50 euros it is free.',
  });
});

async function phone(viewport: { width: number; height: number }) {
  const context = await scene.harness.browser.newContext({ viewport, locale: 'en-US' });
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  const visitor = new VisitorWidgetPage(page);
  await visitor.goto(scene.site.url('/'));
  await visitor.open();
  return { context, page, errors, visitor };
}

/** The box is wholly inside the viewport (the full-screen panel). */
async function wholeInside(locator: Locator, viewport: { width: number; height: number }): Promise<void> {
  const box = await locator.boundingBox();
  if (!box) throw new Error(`${locator.toString()} is not drawn`);
  const edges = { top: box.y, left: box.x, bottom: box.y + box.height, right: box.x + box.width };
  expect({ edges, inside: edges.top >= -0.5 && edges.left >= -0.5 && edges.bottom <= viewport.height + 0.5 && edges.right <= viewport.width + 0.5 })
    .toEqual({ edges, inside: true });
}

for (const viewport of [
  { width: 360, height: 300 },
  { width: 320, height: 260 },
]) {
  test(`at ${viewport.width}×${viewport.height} the composer stays whole under suggested articles, the chat ended or not`, async () => {
    const { context, page, errors, visitor } = await phone(viewport);
    const send = visitor.panel.locator('.composer__send');
    const suggestions = visitor.panel.getByTestId('kb-suggestions');

    await visitor.typeQuestion('How much does shipping cost?');
    await visitor.suggestedArticle('Shipping costs and free delivery threshold').waitFor();
    await wholeInside(visitor.composer, viewport);
    await wholeInside(send, viewport);
    // The suggestions gave way (and scroll to their article) instead of the composer.
    const list = (await suggestions.boundingBox())!;
    expect(list.height).toBeGreaterThan(0);
    expect(list.height).toBeLessThan(0.4 * viewport.height);
    await visitor.suggestedArticle('Shipping costs and free delivery threshold').scrollIntoViewIfNeeded();
    await wholeInside(visitor.suggestedArticle('Shipping costs and free delivery threshold'), viewport);
    await wholeInside(visitor.composer, viewport);
    await screenshot(page, `widget-phone-keyboard-${viewport.width}-suggestions`);

    // An agent answers and resolves the chat: the "ended" line comes too, above the composer.
    await visitor.composer.fill('');
    const question = `Is shipping free to Norway? (${viewport.width} px)`;
    await visitor.send(question);
    const asked = await scene.agent.visitorMessage(question);
    unwrap(await scene.agent.socket.emitWithAck('conversation:resolve', { conversationId: asked.conversationId }));
    await visitor.panel.getByText('This chat has ended').waitFor();
    await visitor.typeQuestion('How much does shipping cost?');
    await visitor.suggestedArticle('Shipping costs and free delivery threshold').waitFor();
    await wholeInside(visitor.composer, viewport);
    await wholeInside(send, viewport);
    await screenshot(page, `widget-phone-keyboard-${viewport.width}-ended`);
    expect(errors).toEqual([]);
    await context.close();
  });
}

test('a long file name is shortened in its chip, and every × and refusal stays inside the panel', async () => {
  const viewport = { width: 320, height: 640 };
  const { context, page, errors, visitor } = await phone(viewport);
  await visitor.send('I have my invoice here');
  await scene.agent.visitorMessage('I have my invoice here');
  await visitor.panel.getByRole('button', { name: 'Attach files' }).waitFor();
  await visitor.panel.getByTestId('file-chooser').setInputFiles([
    { name: LONG_NAME, mimeType: 'text/plain', buffer: Buffer.from('Q3 invoice\n') },
    { name: 'logo.svg', mimeType: 'image/svg+xml', buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') },
    { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('notes\n') },
  ]);
  const picked = visitor.panel.getByTestId('picked-files');
  const refusal = picked.locator('li[data-state="failed"]').getByRole('alert').first();
  await refusal.waitFor();
  for (const name of [LONG_NAME, 'logo.svg', 'notes.txt']) {
    await wholeInside(picked.getByRole('button', { name: `Remove ${name}` }), viewport);
  }
  await wholeInside(refusal, viewport);
  await wholeInside(visitor.composer, viewport);
  // The name is cut with an ellipsis, not the chip.
  const name = picked.locator('.picked-file__name').first();
  expect(await name.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
  await screenshot(page, 'widget-phone-long-file-name');
  // The refused upload's 400 is the browser's only complaint.
  expect(errors.filter((line) => !/status of 400/.test(line))).toEqual([]);
  await context.close();
});
