/**
 * One visitor, two tabs of the same site in one browser profile: they are one visitor with one
 * conversation. What is written in one tab shows in the other, an agent's reply shows in both, and
 * nothing shows twice.
 */
import { VisitorWidgetPage } from '../pages/visitor-widget.page';
import { screenshot } from '../support/browser';
import { hostPageHtml } from './support/host-site';
import { useWidgetScene } from './support/widget-scene';

const scene = useWidgetScene((harness) => ({
  '/teas': {
    body: hostPageHtml({ parleyUrl: harness.parley.url, siteKey: harness.siteKey, title: 'Our teas' }),
  },
}));

test('a message from one tab shows in the other, and an agent reply shows in both, once each', async () => {
  const context = await scene.harness.browser.newContext({ viewport: { width: 1100, height: 760 } });
  // Both tabs load before the visitor ever opened the chat: neither holds a visitor token yet.
  const first = new VisitorWidgetPage(await context.newPage());
  const second = new VisitorWidgetPage(await context.newPage());
  await first.goto(scene.site.url('/'));
  await second.goto(scene.site.url('/teas'));

  await first.open();
  await first.send('Hello from the first tab');
  const opening = await scene.agent.visitorMessage('Hello from the first tab');

  // The second tab, opened later, is the same visitor: the first tab's message is there.
  await second.open();
  await second.messages('visitor').filter({ hasText: 'Hello from the first tab' }).waitFor();

  // Live both ways between the tabs.
  await second.send('And this from the second tab');
  await first.messages('visitor').filter({ hasText: 'And this from the second tab' }).waitFor();
  const followUp = await scene.agent.visitorMessage('And this from the second tab');
  expect(followUp.conversationId).toBe(opening.conversationId);
  expect(followUp.author).toEqual(opening.author);

  await scene.agent.reply(opening.conversationId, 'I see you in two tabs.');
  for (const tab of [first, second])
    await tab.messages('agent').filter({ hasText: 'I see you in two tabs.' }).waitFor();

  const expected = ['Hello from the first tab', 'And this from the second tab', 'I see you in two tabs.'];
  expect(await first.messageTexts()).toEqual(expected);
  expect(await second.messageTexts()).toEqual(expected);
  // Each tab shows its own and the other tab's messages as delivered.
  for (const tab of [first, second]) {
    expect(
      await tab.panel.locator('[data-testid="message"][data-author="visitor"][data-status="sent"]').count(),
    ).toBe(2);
  }
  expect((await scene.agent.history(opening.conversationId)).map((m) => m.text)).toEqual(expected);
  await screenshot(first.page, 'widget-two-tabs-01-first');
  await screenshot(second.page, 'widget-two-tabs-02-second');
  await context.close();
});
