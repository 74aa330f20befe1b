/**
 * Trust, end to end in Chromium over the built widget and console: a host page signs its user's
 * identity on its server and passes it to `Parley('identify')`; the agent sees "Verified". The
 * visitor then uses "Forget me" and the chat leaves the agent's console. An admin finds another
 * contact under Contact data and erases them after the confirmation.
 */
import { createHmac } from 'node:crypto';
import { AgentConsolePage } from '../pages/agent-console.page';
import { VisitorWidgetPage } from '../pages/visitor-widget.page';
import { AdminApi } from '../support/admin-api';
import { screenshot } from '../support/browser';
import { connectVisitor, unwrap } from '../support/socket-clients';
import { hostPageHtml, startHostSite, type HostSite } from '../widget/support/host-site';
import { startWidgetHarness, type WidgetHarness } from '../widget/support/widget-harness';

let harness: WidgetHarness;
let site: HostSite;

/** What the host site's server does when it renders a page for a signed-in user (widget README). */
function signedIdentify(secret: string, user: { id: string; name: string; email: string }): string {
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = createHmac('sha256', secret).update(`${user.id}:${timestamp}`).digest('hex');
  const identity = { userId: user.id, name: user.name, email: user.email, timestamp, signature };
  return `<script>
  window.Parley = window.Parley || function () { (Parley.q = Parley.q || []).push(arguments); };
  Parley('identify', ${JSON.stringify(identity)});
</script>`;
}

beforeAll(async () => {
  harness = await startWidgetHarness();
  const admin = await AdminApi.signIn(harness.parley.url, harness.parley.admin);
  const secret = await admin.identitySecret();
  site = await startHostSite({
    '/account': {
      body: hostPageHtml({
        parleyUrl: harness.parley.url,
        siteKey: harness.siteKey,
        title: 'Your account',
        head: signedIdentify(secret, { id: 'customer-4711', name: 'Ada Lovelace', email: 'ada@example.com' }),
      }),
    },
  });
});

afterAll(async () => {
  await site?.stop();
  await harness?.stop();
});

test('a signed identify shows Verified to the agent; after "Forget me" the chat is gone from the console', async () => {
  const visitorContext = await harness.browser.newContext({ viewport: { width: 1000, height: 760 } });
  const visitor = new VisitorWidgetPage(await visitorContext.newPage());
  const consoleContext = await harness.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const agent = new AgentConsolePage(await consoleContext.newPage());
  await agent.signIn(harness.parley.url, harness.parley.admin);

  await visitor.goto(site.url('/account'));
  await visitor.open();
  await visitor.send('Hello, where is my order?');

  const item = agent.conversation('Ada Lovelace');
  await item.waitFor({ state: 'visible' });
  await item.click();
  await agent.messages('visitor').filter({ hasText: 'Hello, where is my order?' }).waitFor();
  const details = await agent.visitorDetails();
  const identity = details.getByTestId('visitor-identity');
  await identity.getByTestId('identity-verified').waitFor({ state: 'visible' });
  expect(await identity.innerText()).toContain('customer-4711');
  await screenshot(agent.page, 'privacy-01-verified-visitor');

  const question = await visitor.askToForgetMe();
  await screenshot(visitor.page, 'privacy-02-forget-me-question');
  await question.getByRole('button', { name: 'Forget me' }).click();

  // The panel reloads as a stranger: no messages, and the chat leaves the agent's list and tabs.
  await item.waitFor({ state: 'detached' });
  // The loader re-opens the reloaded panel (it was open): empty, as for someone new.
  await visitor.composer.waitFor({ state: 'visible' });
  expect(await visitor.messageTexts()).toEqual([]);
  await screenshot(visitor.page, 'privacy-03-panel-after-forget-me');
  expect(await agent.page.getByTestId('conversation-list').innerText()).not.toContain('Ada Lovelace');
  await agent.page.reload();
  await agent.page.getByTestId('conversation-list').waitFor({ state: 'visible' });
  expect(await agent.page.getByTestId('conversation-list').innerText()).not.toContain('Ada Lovelace');
  await screenshot(agent.page, 'privacy-04-console-after-forget-me');

  await visitorContext.close();
  await consoleContext.close();
});

test('an admin finds a contact by e-mail, sees what is stored, and erases it after naming what will go', async () => {
  const { socket } = await connectVisitor(harness.parley.url, { siteKey: harness.siteKey });
  unwrap(await socket.emitWithAck('visitor:identify', { name: 'Vera Contact', email: 'vera@example.com' }));
  unwrap(await socket.emitWithAck('message:send', { clientId: 'e2e-privacy-0001', text: 'Please delete my data later' }));
  const context = await harness.browser.newContext({ viewport: { width: 1280, height: 860 } });
  const agent = new AgentConsolePage(await context.newPage());
  await agent.signIn(harness.parley.url, harness.parley.admin);
  await agent.conversation('Vera Contact').waitFor({ state: 'visible' });

  await agent.openContactData();
  const summary = await agent.findContactByEmail('vera@example.com');
  expect(await summary.getByTestId('privacy-count-messages').innerText()).toMatch(/Messages\s*1/);
  expect(await summary.innerText()).toContain('Vera Contact');
  await screenshot(agent.page, 'privacy-05-contact-data');

  const disconnected = new Promise<string>((resolve) => socket.once('disconnect', resolve));
  await summary.getByTestId('privacy-erase').click();
  const dialog = agent.page.getByTestId('confirm-dialog');
  await dialog.waitFor({ state: 'visible' });
  expect(await dialog.innerText()).toContain('Visitor records: 1, Chats: 1, Messages: 1');
  await screenshot(agent.page, 'privacy-06-erase-confirmation');
  await dialog.getByTestId('confirm-button').click();

  await agent.page.getByTestId('privacy-erased').waitFor({ state: 'visible' });
  expect(await agent.page.getByTestId('erasure-log').innerText()).toContain('Messages: 1');
  expect(await disconnected).toBe('io server disconnect');
  await screenshot(agent.page, 'privacy-07-erased-and-logged');
  socket.disconnect();
  await context.close();
});
