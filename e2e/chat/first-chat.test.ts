/**
 * The walking skeleton in a real browser: a visitor on the demo page writes from the bubble, an
 * agent sees it live in the console and answers, the visitor sees the answer; a reload keeps the
 * history, and so does a server restart.
 */
import type { Locator } from 'playwright-core';
import { AgentConsolePage } from '../pages/agent-console.page';
import { VisitorWidgetPage } from '../pages/visitor-widget.page';
import { screenshot } from '../support/browser';
import { useParleyAndBrowser } from '../support/parley-and-browser';
import { startParley } from '../support/parley-process';

const running = useParleyAndBrowser();

const expectText = async (locator: Locator, text: string) => {
  await locator.filter({ hasText: text }).first().waitFor({ state: 'visible', timeout: 15_000 });
};

test('visitor and agent chat live, and nothing is lost on reload or server restart', async () => {
  const visitorContext = await running.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const agentContext = await running.browser.newContext({ viewport: { width: 1400, height: 900 } });
  const visitor = new VisitorWidgetPage(await visitorContext.newPage());
  const agent = new AgentConsolePage(await agentContext.newPage());

  await agent.signIn(running.parley.url, running.parley.admin);
  await visitor.goto(`${running.parley.url}/demo`);
  await screenshot(visitor.page, 'first-chat-01-demo-bubble');
  await visitor.open();
  await visitor.send('Hello, do you ship green tea to Minsk?');
  await expectText(visitor.messages('visitor'), 'do you ship green tea');

  // The conversation appears in the console without a reload.
  const item = agent.conversation('Visitor');
  await item.first().waitFor({ state: 'visible', timeout: 15_000 });
  await item.first().click();
  await expectText(agent.messages('visitor'), 'do you ship green tea');
  await agent.reply('Yes! Delivery to Minsk takes 3 days.');
  await expectText(visitor.messages('agent'), 'Delivery to Minsk takes 3 days');
  await screenshot(visitor.page, 'first-chat-02-visitor-panel');
  await screenshot(agent.page, 'first-chat-03-agent-console');

  // A reload keeps the conversation: the visitor is remembered.
  await visitor.page.reload();
  await visitor.bubble.waitFor({ state: 'visible' });
  await visitor.open();
  await expectText(visitor.messages('visitor'), 'do you ship green tea');
  await expectText(visitor.messages('agent'), 'Delivery to Minsk takes 3 days');

  // A restart of the server loses nothing.
  const { dataDir, port } = running.parley;
  expect(await running.parley.stop()).toBe(0);
  running.parley = await startParley({ dataDir, port });
  await visitor.page.reload();
  await visitor.open();
  await expectText(visitor.messages('agent'), 'Delivery to Minsk takes 3 days');
  await agent.page.reload();
  await agent.page.getByTestId('conversation-list').waitFor({ state: 'visible' });
  await agent.conversation('Visitor').first().click();
  await expectText(agent.messages('visitor'), 'do you ship green tea');
  await expectText(agent.messages('agent'), 'Delivery to Minsk takes 3 days');
  await screenshot(agent.page, 'first-chat-04-console-after-restart');

  await visitorContext.close();
  await agentContext.close();
});
