/**
 * The agent ends a chat and goes away, so nobody is left to answer: the visitor is asked to rate the
 * chat and, below it, offered the offline form to write again. No line tells them to "write a
 * message" into a composer the panel no longer shows.
 */
import type { Conversation } from '@parley/shared';
import { VisitorWidgetPage } from '../pages/visitor-widget.page';
import { screenshot } from '../support/browser';
import { unwrap } from '../support/socket-clients';
import { useWidgetScene } from './support/widget-scene';

const scene = useWidgetScene();

test('after an ended chat with nobody online, the rating comes first, then the offline form, and nothing points at a missing composer', async () => {
  const context = await scene.harness.browser.newContext({ viewport: { width: 1100, height: 760 } });
  const visitor = new VisitorWidgetPage(await context.newPage());
  await visitor.goto(scene.site.url('/'));
  await visitor.open();

  await visitor.send('Do you ship to Minsk?');
  const question = await scene.agent.visitorMessage('Do you ship to Minsk?');
  await scene.agent.reply(question.conversationId, 'Yes, in five days.');
  await visitor.messages('agent').filter({ hasText: 'in five days' }).waitFor();

  const resolved: Conversation = unwrap(
    await scene.agent.socket.emitWithAck('conversation:resolve', { conversationId: question.conversationId }),
  );
  expect(resolved.status).toBe('resolved');
  unwrap(await scene.agent.socket.emitWithAck('agent:status', { status: 'away' }));

  const rating = visitor.panel.getByRole('group', { name: 'How was this chat?' });
  const offlineForm = visitor.panel.getByTestId('offline-form');
  await rating.waitFor({ state: 'visible' });
  await offlineForm.waitFor({ state: 'visible' });
  const ratingBox = (await rating.boundingBox())!;
  const formBox = (await offlineForm.boundingBox())!;
  expect(formBox.y).toBeGreaterThan(ratingBox.y);
  expect(await visitor.composer.count()).toBe(0);
  expect(await visitor.panel.getByText('Write a message to start a new one').count()).toBe(0);
  await screenshot(visitor.page, 'widget-ended-while-away');

  unwrap(await scene.agent.socket.emitWithAck('agent:status', { status: 'online' }));
  await context.close();
});
