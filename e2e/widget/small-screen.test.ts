/**
 * On a phone-sized screen (375×667) the open panel takes the whole viewport, above the bubble and
 * the host page, with the composer and the close button in reach; closing it brings the bubble back.
 */
import type { Page } from 'playwright-core';
import { VisitorWidgetPage } from '../pages/visitor-widget.page';
import { screenshot } from '../support/browser';
import { useWidgetScene } from './support/widget-scene';

const PHONE = { width: 375, height: 667 };

const scene = useWidgetScene();

/** The launcher's own topmost element at a point (inside its shadow root): `button` or `iframe`. */
const launcherPartAt = (page: Page, x: number, y: number) =>
  page.evaluate(
    ([px, py]) => {
      const hit = document
        .querySelector('parley-widget')
        ?.shadowRoot?.elementFromPoint(px as number, py as number);
      return hit?.closest('button, iframe')?.localName ?? null;
    },
    [x, y],
  );

test('a 375×667 phone shows the open panel full screen, and closing it brings the bubble back', async () => {
  const context = await scene.harness.browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  const visitor = new VisitorWidgetPage(page);
  await visitor.goto(scene.site.url('/'));
  const bubble = (await visitor.bubble.boundingBox())!;
  expect({
    right: PHONE.width - (bubble.x + bubble.width),
    bottom: PHONE.height - (bubble.y + bubble.height),
  }).toEqual({ right: 20, bottom: 20 });
  await screenshot(page, 'widget-phone-01-bubble');

  await visitor.bubble.click();
  await visitor.composer.waitFor({ state: 'visible' });
  expect(await visitor.frame.boundingBox()).toEqual({ x: 0, y: 0, ...PHONE });
  // The panel covers the bubble: the corner belongs to the frame now.
  expect(await launcherPartAt(page, bubble.x + bubble.width / 2, bubble.y + bubble.height / 2)).toBe(
    'iframe',
  );
  expect(await page.evaluate(() => document.elementFromPoint(10, 10)?.localName)).toBe('parley-widget');

  // Inside the panel: the document is the viewport's size, and the composer and close button are in view.
  const inner = await visitor.panel
    .locator('html')
    .evaluate(() => ({ width: innerWidth, height: innerHeight }));
  expect(inner).toEqual(PHONE);
  const composer = (await visitor.composer.boundingBox())!;
  expect(composer.y + composer.height).toBeLessThanOrEqual(PHONE.height);
  expect(composer.width).toBeGreaterThan(PHONE.width / 2);
  await visitor.closeButton.waitFor({ state: 'visible' });

  await visitor.send('Writing from my phone');
  const asked = await scene.agent.visitorMessage('Writing from my phone');
  await scene.agent.reply(asked.conversationId, 'Reading you on the small screen.');
  await visitor.messages('agent').filter({ hasText: 'Reading you on the small screen.' }).waitFor();
  await screenshot(page, 'widget-phone-02-panel-full-screen');

  await visitor.closeButton.click();
  await visitor.frame.waitFor({ state: 'hidden' });
  expect(await visitor.bubble.getAttribute('aria-expanded')).toBe('false');
  expect(await launcherPartAt(page, bubble.x + bubble.width / 2, bubble.y + bubble.height / 2)).toBe(
    'button',
  );
  await screenshot(page, 'widget-phone-03-closed');
  await context.close();
});
