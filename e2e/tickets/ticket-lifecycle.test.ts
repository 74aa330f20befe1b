/**
 * No visitor left without an answer, in real browsers with real e-mail: a visitor chats, nobody
 * answers, the chat becomes a ticket, the e-mail arrives over SMTP, the visitor follows its link
 * and replies, an agent solves the ticket in the console, the visitor rates it.
 */
import fs from 'node:fs';
import { startSmtpSink, type SmtpSink } from '../../server/src/mail/smtp-sink';
import { AgentConsolePage } from '../pages/agent-console.page';
import { VisitorWidgetPage } from '../pages/visitor-widget.page';
import { AdminApi } from '../support/admin-api';
import { screenshot } from '../support/browser';
import { solidPng, TINY_PDF } from '../support/test-files';
import { useParleyAndBrowser } from '../support/parley-and-browser';
import { waitUntil } from '../support/wait-until';

let smtp: SmtpSink;

beforeAll(async () => {
  smtp = await startSmtpSink();
});
const running = useParleyAndBrowser(() => ({ env: { SMTP_URL: smtp.url, MAIL_FROM: 'Acme Tea <help@tea.example>' } }));
afterAll(async () => {
  await smtp?.close();
});

test('an unanswered chat becomes a ticket the visitor follows by e-mail until it is solved and rated', async () => {
  const api = await AdminApi.signIn(running.parley.url, running.parley.admin);
  // Agents pick chats themselves here, and nobody picks this one: after 30 s it becomes a ticket.
  await api.updateSettings({ routingMode: 'pick', waitLimitSeconds: 30 });

  const agent = new AgentConsolePage(await (await running.browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage());
  await agent.signIn(running.parley.url, running.parley.admin);

  const visitor = new VisitorWidgetPage(await (await running.browser.newContext({ viewport: { width: 1200, height: 850 }, locale: 'en-US' })).newPage());
  await visitor.goto(`${running.parley.url}/demo`);
  await visitor.page.evaluate(() => {
    (window as unknown as { Parley: (...args: unknown[]) => void }).Parley('identify', { name: 'Olga', email: 'olga@example.test' });
  });
  await visitor.open();
  await visitor.send('My parcel arrived damaged, what now?');
  await visitor.messages('visitor').filter({ hasText: 'arrived damaged' }).waitFor({ timeout: 15_000 });

  // Nobody answers: the received e-mail arrives with the ticket number and a link.
  const received = await waitUntil(async () => smtp.messages.find((m) => /#1001/.test(m.subject ?? '')), Boolean, 60_000);
  expect(received?.to && JSON.stringify(received.to)).toContain('olga@example.test');
  const link = /https?:\/\/[^\s"<>]+\/t\/[A-Za-z0-9_.-]+/.exec(received?.text ?? '')?.[0];
  expect(link).toBeTruthy();
  await screenshot(visitor.page, 'tickets-01-widget-after-escalation');

  // The visitor follows the link and replies there.
  const ticketPage = await (await running.browser.newContext({ viewport: { width: 1100, height: 1150 } })).newPage();
  await ticketPage.goto(link as string);
  await ticketPage.getByText('My parcel arrived damaged').first().waitFor();
  await ticketPage.getByLabel('Your reply').fill('Here is the photo number: 42.');
  await ticketPage.getByLabel(/Attach files/).setInputFiles({ name: 'damaged box.png', mimeType: 'image/png', buffer: solidPng(120, 80, [200, 120, 40]) });
  await ticketPage.getByRole('button', { name: 'Send reply' }).click();
  await ticketPage.getByText('Thank you, your reply was sent.').waitFor();
  await ticketPage.getByTestId('ticket-event-files').getByRole('link', { name: 'damaged box.png' }).waitFor();

  // An agent finds the ticket in the console, answers and solves it.
  await agent.page.getByTestId('tickets-nav').click();
  const row = agent.page.getByTestId('ticket-row').filter({ hasText: 'arrived damaged' });
  await row.first().getByRole('link', { name: /arrived damaged/ }).click();
  const view = agent.page.getByTestId('ticket-view');
  await view.getByTestId('ticket-timeline').getByText('photo number: 42').waitFor();
  // The customer's photo, shown in the timeline as a chat's image is.
  const photo = view.getByTestId('ticket-timeline').getByRole('img', { name: 'damaged box.png' });
  await agent.page.waitForFunction((img) => (img as HTMLImageElement | null)?.naturalWidth === 120, await photo.elementHandle());
  await view.getByLabel('Reply to the customer').fill('Sorry about that! A replacement is on its way.');
  // The return label goes with the reply: uploaded into the ticket at once, sent with it.
  await view.getByTestId('composer-file-chooser').setInputFiles({ name: 'return label.pdf', mimeType: 'application/pdf', buffer: TINY_PDF });
  await view.getByTestId('composer-files').getByText('return label.pdf', { exact: true }).waitFor();
  await view.getByTestId('ticket-reply-send').click();
  await view.getByTestId('ticket-timeline').getByRole('button', { name: /return label\.pdf/ }).waitFor();
  await view.getByTestId('composer-files').waitFor({ state: 'detached' });
  // Waiting on the customer, the SLA clocks stand still.
  await view.getByTestId('ticket-status-select').selectOption('pending');
  await agent.page.getByTestId('sla-resolution').getByTestId('sla-badge').and(agent.page.locator('[data-sla="paused"]')).waitFor();
  expect(await agent.page.getByTestId('sla-resolution').textContent()).toMatch(/Paused, .+ left/);
  await screenshot(agent.page, 'tickets-02-console-ticket-pending');
  await view.getByTestId('ticket-status-select').selectOption('solved');
  await screenshot(agent.page, 'tickets-02-console-ticket');

  // The customer hears about the reply (naming its file) and the solution, and rates it on the ticket page.
  await waitUntil(async () => smtp.messages.length, (n) => n >= 3, 30_000);
  expect(smtp.messages.map((m) => m.text ?? '').join('\n')).toContain('Files with this reply: return label.pdf.');
  await ticketPage.reload();
  const fileLink = ticketPage.getByTestId('ticket-event-files').getByRole('link', { name: 'return label.pdf' });
  const [download] = await Promise.all([ticketPage.waitForEvent('download'), fileLink.click()]);
  expect(download.suggestedFilename()).toBe('return label.pdf');
  expect(fs.readFileSync(await download.path()).equals(TINY_PDF)).toBe(true);
  await ticketPage.getByTestId('ticket-status').filter({ hasText: 'Solved' }).waitFor();
  await ticketPage.getByLabel('5 of 5').check();
  await ticketPage.getByLabel('Comment (optional)').fill('Quick and kind.');
  await ticketPage.getByRole('button', { name: 'Send rating' }).click();
  await ticketPage.getByText('Thank you for your rating: 5 of 5.').waitFor();
  await screenshot(ticketPage, 'tickets-03-public-ticket-page');
});
