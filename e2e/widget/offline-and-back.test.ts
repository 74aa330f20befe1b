/**
 * The network drops while the visitor writes: both messages wait in the outbox, and once the network
 * is back each arrives exactly once, in order, in the widget and in the agent's stored history.
 */
import type { Message } from '@parley/shared';
import { VisitorWidgetPage } from '../pages/visitor-widget.page';
import { screenshot } from '../support/browser';
import { waitUntil } from '../support/wait-until';
import { useWidgetScene } from './support/widget-scene';

const scene = useWidgetScene();

const occurrences = (texts: readonly string[], text: string) => texts.filter((t) => t === text).length;

test('two messages typed offline arrive once each, in order, on both sides after the network returns', async () => {
  const context = await scene.harness.browser.newContext({ viewport: { width: 1100, height: 760 } });
  const visitor = new VisitorWidgetPage(await context.newPage());
  await visitor.goto(scene.site.url('/'));
  await visitor.open();

  // A live chat first, so the conversation exists and the agent holds it.
  await visitor.send('Before the tunnel');
  const first = await scene.agent.visitorMessage('Before the tunnel');
  const conversationId = first.conversationId;
  await scene.agent.reply(conversationId, 'Hi! How can I help?');
  await visitor.messages('agent').filter({ hasText: 'How can I help?' }).waitFor();

  // Offline, and the visitor writes at once: the first message may race the socket noticing.
  await context.setOffline(true);
  await visitor.send('Offline one: is the oolong in stock?');
  await visitor.send('Offline two: and the jasmine?');
  await visitor.connectionNotice.filter({ hasText: "You're offline." }).waitFor({ state: 'visible' });
  const pending = visitor.panel.locator(
    '[data-testid="message"][data-author="visitor"][data-status="sending"]',
  );
  await waitUntil(
    () => pending.count(),
    (count) => count === 2,
  );
  await screenshot(visitor.page, 'widget-offline-01-waiting');
  // Nothing of it reached the server meanwhile.
  expect((await scene.agent.history(conversationId)).map((m) => m.text)).toEqual([
    'Before the tunnel',
    'Hi! How can I help?',
  ]);

  await context.setOffline(false);
  const sent = visitor.panel.locator('[data-testid="message"][data-author="visitor"][data-status="sent"]');
  await waitUntil(
    () => sent.count(),
    (count) => count === 3,
    30_000,
  );
  await visitor.connectionNotice.filter({ hasText: "You're offline." }).waitFor({ state: 'hidden' });

  // The agent answers after the reconnect; that too arrives once.
  await scene.agent.reply(conversationId, 'Both are in stock.');
  await visitor.messages('agent').filter({ hasText: 'Both are in stock.' }).waitFor();

  const expected = [
    'Before the tunnel',
    'Hi! How can I help?',
    'Offline one: is the oolong in stock?',
    'Offline two: and the jasmine?',
    'Both are in stock.',
  ];
  const inWidget = await visitor.messageTexts();
  const stored: Message[] = await scene.agent.history(conversationId);
  const inHistory = stored.filter((m) => m.author.kind !== 'system').map((m) => m.text);
  for (const text of expected) {
    expect({ text, widget: occurrences(inWidget, text), agent: occurrences(inHistory, text) }).toEqual({
      text,
      widget: 1,
      agent: 1,
    });
  }
  expect(inWidget).toEqual(expected);
  expect(inHistory).toEqual(expected);
  // The agent's live feed saw each offline message once as well.
  const live = scene.agent.seen.filter((m) => m.conversationId === conversationId).map((m) => m.text);
  expect(occurrences(live, 'Offline one: is the oolong in stock?')).toBe(1);
  expect(occurrences(live, 'Offline two: and the jasmine?')).toBe(1);
  await screenshot(visitor.page, 'widget-offline-02-back');
  await context.close();
});
