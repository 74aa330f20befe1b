/**
 * The agent sees whether the visitor is still there: closing the last page with the chat reads as
 * "Left the site" in the console (after the reconnect grace), and coming back as "On the site".
 */
import { AgentConsolePage } from '../pages/agent-console.page';
import { VisitorWidgetPage } from '../pages/visitor-widget.page';
import { screenshot } from '../support/browser';
import { useParleyAndBrowser } from '../support/parley-and-browser';

const running = useParleyAndBrowser();

test('closing the page reads as left in the console, and coming back as on the site', async () => {
  const visitorContext = await running.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const agentContext = await running.browser.newContext({ viewport: { width: 1400, height: 900 } });
  const visitor = new VisitorWidgetPage(await visitorContext.newPage());
  const agent = new AgentConsolePage(await agentContext.newPage());

  await agent.signIn(running.parley.url, running.parley.admin);
  await visitor.goto(`${running.parley.url}/demo`);
  await visitor.open();
  await visitor.send('Is anyone there?');
  await agent.conversation('Visitor').first().click();
  const presence = agent.page.getByTestId('chat-panel').getByTestId('visitor-presence');
  await presence.filter({ hasText: 'On the site' }).waitFor({ timeout: 15_000 });

  // A reload is moving between pages, not leaving.
  await visitor.page.reload();
  await visitor.bubble.waitFor({ state: 'visible' });

  await visitor.page.close();
  await presence.filter({ hasText: /^Left the site at / }).waitFor({ timeout: 30_000 });
  await agent.page.getByTestId('visitor-left').waitFor({ timeout: 5_000 });
  await screenshot(agent.page, 'visitor-left-01-console');

  const back = new VisitorWidgetPage(await visitorContext.newPage());
  await back.goto(`${running.parley.url}/demo`);
  await presence.filter({ hasText: 'On the site' }).waitFor({ timeout: 15_000 });
  expect(await agent.page.getByTestId('visitor-left').count()).toBe(0);

  await visitorContext.close();
  await agentContext.close();
});
