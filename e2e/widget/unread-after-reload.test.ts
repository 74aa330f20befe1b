/**
 * The red count on the bubble says how many agent messages the visitor has not seen, and keeps saying
 * it on a reload or another page of the site: the panel counts them from the history, after the
 * visitor's read mark, without being opened.
 */
import { VisitorWidgetPage } from '../pages/visitor-widget.page';
import { screenshot } from '../support/browser';
import { useWidgetScene } from './support/widget-scene';

const scene = useWidgetScene();

test('an agent message that came while the chat was closed keeps its badge after a reload, until the visitor opens the chat', async () => {
  const context = await scene.harness.browser.newContext({ viewport: { width: 1100, height: 760 } });
  const visitor = new VisitorWidgetPage(await context.newPage());
  const badge = visitor.page.locator('parley-widget .u');
  await visitor.goto(scene.site.url('/'));
  await visitor.open();
  await visitor.send('Is the oolong back in stock?');
  const question = await scene.agent.visitorMessage('Is the oolong back in stock?');

  await visitor.closeButton.click();
  await visitor.frame.waitFor({ state: 'hidden' });
  await scene.agent.reply(question.conversationId, 'Yes, since this morning.');
  await badge.filter({ hasText: '1' }).waitFor({ state: 'visible' });

  await visitor.page.reload();
  await visitor.bubble.waitFor({ state: 'visible' });
  // The panel starts on its own for a returning visitor and reports what is still unread.
  await badge.filter({ hasText: '1' }).waitFor({ state: 'visible' });
  expect(await visitor.bubble.getAttribute('aria-label')).toBe('Open chat (1 unread)');
  await screenshot(visitor.page, 'widget-unread-after-reload');

  await visitor.open();
  await visitor.messages('agent').filter({ hasText: 'since this morning' }).waitFor();
  await badge.waitFor({ state: 'hidden' });
  await context.close();
});
