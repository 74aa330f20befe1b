/**
 * The bubble follows the site's settings in real Chromium: an admin picks a colour and the left
 * corner, and a page whose snippet names neither shows the bubble there in that colour, named in the
 * visitor's language; a snippet's own data-color and data-position still win.
 */
import { AdminApi } from '../support/admin-api';
import { screenshot } from '../support/browser';
import { VisitorWidgetPage } from '../pages/visitor-widget.page';
import { hostPageHtml, startHostSite, type HostSite } from './support/host-site';
import { collectPageErrors, startWidgetHarness, type WidgetHarness } from './support/widget-harness';

let harness: WidgetHarness;
let site: HostSite;

beforeAll(async () => {
  harness = await startWidgetHarness();
  const page = (snippetAttributes = '') =>
    ({ body: hostPageHtml({ parleyUrl: harness.parley.url, siteKey: harness.siteKey, snippetAttributes }) });
  site = await startHostSite({ '/': page(), '/own-style': page('data-color="#b91c1c" data-position="right"') });
  const admin = await AdminApi.signIn(harness.parley.url, harness.parley.admin);
  await admin.updateSettings({ widget: { color: '#0f766e', position: 'bottom-left' } });
});

afterAll(async () => {
  await site?.stop();
  await harness?.stop();
});

/** Where the bubble is and what colour, once the panel has started and told the loader the site's settings. */
async function bubbleOn(pagePath: string) {
  const context = await harness.browser.newContext({ locale: 'es-ES', viewport: { width: 1000, height: 700 } });
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  const visitor = new VisitorWidgetPage(page);
  await visitor.goto(site.url(pagePath));
  // The panel starts on idle and names the bubble in the visitor's language: then it has told the loader.
  await page.waitForFunction(() => {
    const bubble = document.querySelector('parley-widget')?.shadowRoot?.querySelector('button.b');
    return bubble?.getAttribute('aria-label') === 'Abrir el chat';
  }, undefined, { timeout: 15_000 });
  const box = await visitor.bubble.boundingBox();
  const color = await visitor.bubble.evaluate((bubble) => getComputedStyle(bubble).backgroundColor);
  return { page, context, errors, visitor, box, color };
}

test("a snippet with no colour or side of its own takes the site's, and the bubble's name is in the visitor's language", async () => {
  const { page, context, errors, visitor, box, color } = await bubbleOn('/');
  expect(color).toBe('rgb(15, 118, 110)');
  expect(box?.x).toBeLessThan(100);
  // The panel opens on the same side.
  await visitor.bubble.click();
  const frame = await visitor.frame.boundingBox();
  expect(frame?.x).toBeLessThan(100);
  await screenshot(page, 'widget-site-appearance-left');
  expect(errors).toEqual([]);
  await context.close();
});

test("a snippet's own colour and side win over the site's", async () => {
  const { context, errors, box, color } = await bubbleOn('/own-style');
  expect(color).toBe('rgb(185, 28, 28)');
  expect(box?.x).toBeGreaterThan(800);
  expect(errors).toEqual([]);
  await context.close();
});
