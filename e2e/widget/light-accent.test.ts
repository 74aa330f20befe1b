/**
 * A site whose widget colour is light (yellow, white) in real Chromium: the bubble's icon is dark on
 * it, the header's text too, and what is drawn in the accent on the white panel (focus rings, the
 * visitor's own bubbles' edge, "Talk to a person" in an article) is darkened until it stands out.
 * The default blue looks as before. The bubble and frame are named in the visitor's language, and the
 * bubble says it closes the chat while the panel is open.
 */
import type { Locator, Page } from 'playwright-core';
import { AdminApi } from '../support/admin-api';
import { screenshot } from '../support/browser';
import { unwrap } from '../support/socket-clients';
import { waitUntil } from '../support/wait-until';
import { VisitorWidgetPage } from '../pages/visitor-widget.page';
import { useWidgetScene } from './support/widget-scene';
import { collectPageErrors } from './support/widget-harness';

const scene = useWidgetScene();
let admin: AdminApi;
const ARTICLE = 'Shipping costs and free delivery threshold';

beforeAll(async () => {
  admin = await AdminApi.signIn(scene.harness.parley.url, scene.harness.parley.admin);
  await admin.publishArticle({ language: 'en', title: ARTICLE, bodyMarkdown: 'Shipping costs 4.90 euros; above 50 euros it is free.' });
});

/** WCAG 2 contrast of two computed `rgb(…)` colours. */
function contrast(a: string, b: string): number {
  const luminance = (css: string) => {
    const [r, g, bl] = (css.match(/[\d.]+/g) ?? []).map(Number).map((c) => {
      const s = c / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl + 0.05;
  };
  const [x, y] = [luminance(a), luminance(b)];
  return Math.max(x, y) / Math.min(x, y);
}

/** Resolves once the bubble (in the launcher's shadow root) passes the check. */
const bubbleUntil = (page: Page, check: 'inked' | string) =>
  page.waitForFunction((wanted) => {
    const bubble = document.querySelector('parley-widget')?.shadowRoot?.querySelector<HTMLElement>('button.b');
    return wanted === 'inked' ? !!bubble?.style.color : bubble?.getAttribute('aria-label') === wanted;
  }, check, { timeout: 10_000 });

const style = (locator: Locator, property: string, pseudo?: string) =>
  locator.evaluate((element, [name, before]) => getComputedStyle(element, before).getPropertyValue(name as string), [property, pseudo ?? null] as const);

for (const color of ['#ffeb3b', '#ffffff', '#1d3a8a']) {
  test(`with the site colour ${color} the bubble's icon, the header and the accent's lines on the panel are readable`, async () => {
    await admin.updateSettings({ widget: { color } });
    const context = await scene.harness.browser.newContext({ viewport: { width: 1000, height: 760 }, locale: 'en-US' });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    const visitor = new VisitorWidgetPage(page);
    await visitor.goto(scene.site.url('/'));
    // The panel has started and told the loader the icon's colour.
    await bubbleUntil(page, 'inked');
    const bubbleColor = await style(visitor.bubble, 'background-color');
    const icon = await style(visitor.bubble, 'background-color', '::before');
    expect(contrast(icon, bubbleColor)).toBeGreaterThanOrEqual(4.5);
    expect(await visitor.frame.getAttribute('title')).toBe('Chat with us');
    await screenshot(page, `widget-light-accent-${color.slice(1)}-bubble`);

    await visitor.open();
    await bubbleUntil(page, 'Close chat');
    const surface = await style(visitor.panel.locator('body'), 'background-color');
    const header = visitor.panel.locator('.header');
    expect(contrast(await style(header, 'color'), await style(header, 'background-color'))).toBeGreaterThanOrEqual(4.5);

    const hello = `Hello from a bright site (${color})`;
    await visitor.send(hello);
    const mine = visitor.messages('visitor').first();
    // Measured once sent: while it is still sending (slow on a busy machine) it is drawn faded.
    await waitUntil(() => mine.getAttribute('data-status'), (status) => status === 'sent');
    // The visitor's own bubble stands out from the panel: by its colour, or (a light accent) by its edge.
    const edge = (await style(mine, 'box-shadow')).match(/rgba?\([^)]*\)/)?.[0];
    const fill = await style(mine, 'background-color');
    expect(Math.max(contrast(fill, surface), edge ? contrast(edge, surface) : 1)).toBeGreaterThanOrEqual(3);
    // In Windows' high contrast (forced colours) backgrounds go: the bubble keeps a drawn edge.
    await page.emulateMedia({ forcedColors: 'active' });
    expect(await style(mine, 'border-top-width')).not.toBe('0px');
    expect(await style(mine, 'border-top-color')).not.toMatch(/rgba\(0, 0, 0, 0\)|transparent/);
    await page.emulateMedia({ forcedColors: 'none' });

    // A focus ring, reached by keyboard.
    await visitor.composer.focus();
    await page.keyboard.press('Tab');
    const focused = visitor.panel.locator(':focus-visible');
    expect(contrast(await style(focused, 'outline-color'), surface)).toBeGreaterThanOrEqual(3);
    await screenshot(page, `widget-light-accent-${color.slice(1)}-panel`);

    // In an article: "Talk to a person" is accent-coloured text on the panel.
    await visitor.typeQuestion('How much does shipping cost?');
    await visitor.suggestedArticle(ARTICLE).click();
    const human = visitor.articleDialog.getByRole('button', { name: 'Talk to a person' });
    expect(contrast(await style(human, 'color'), surface)).toBeGreaterThanOrEqual(4.5);
    await screenshot(page, `widget-light-accent-${color.slice(1)}-article`);

    await visitor.articleDialog.getByRole('button', { name: 'Back to chat' }).click();

    // The chat is resolved; the rating card's stars: unchosen ones an outline that stands out 3:1,
    // chosen ones filled in the accent (darkened where it is light).
    const asked = await scene.agent.visitorMessage(hello);
    unwrap(await scene.agent.socket.emitWithAck('conversation:resolve', { conversationId: asked.conversationId }));
    await visitor.panel.getByTestId('after-chat').getByText('How was this chat?').waitFor();
    const stars = visitor.panel.locator('.rating__star');
    await stars.nth(3).click();
    expect(await visitor.panel.getByRole('radio', { name: '4 out of 5' }).isChecked()).toBe(true);
    expect(await style(stars.nth(4), 'color')).toBe('rgba(0, 0, 0, 0)');
    expect(contrast(await style(stars.nth(4), '-webkit-text-stroke-color'), surface)).toBeGreaterThanOrEqual(3);
    expect(contrast(await style(stars.nth(0), 'color'), surface)).toBeGreaterThanOrEqual(3);
    await screenshot(page, `widget-light-accent-${color.slice(1)}-rating`);

    await visitor.closeButton.click();
    await visitor.frame.waitFor({ state: 'hidden' });
    await bubbleUntil(page, 'Open chat');
    expect(errors).toEqual([]);
    await context.close();
  });
}
