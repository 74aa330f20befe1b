/** Routing in real browsers: two agents, three visitors; everyone reaches an agent, and a transfer works. */
import type { Locator } from 'playwright-core';
import { AgentConsolePage } from '../pages/agent-console.page';
import { VisitorWidgetPage } from '../pages/visitor-widget.page';
import { AdminApi } from '../support/admin-api';
import { screenshot } from '../support/browser';
import { useParleyAndBrowser } from '../support/parley-and-browser';
import { waitUntil } from '../support/wait-until';

const running = useParleyAndBrowser();

const visible = (locator: Locator) => locator.first().waitFor({ state: 'visible', timeout: 15_000 });

test('three visitors reach the two agents, least loaded first, and a chat moves to the other agent', async () => {
  const api = await AdminApi.signIn(running.parley.url, running.parley.admin);
  const bea = { email: 'bea@e2e.test', password: 'bea password 123' };
  await api.createAgent({ ...bea, name: 'Bea', role: 'agent', maxChats: 5 });

  const newPage = async (width: number) => (await running.browser.newContext({ viewport: { width, height: 850 } })).newPage();
  const admin = new AgentConsolePage(await newPage(1400));
  const second = new AgentConsolePage(await newPage(1400));
  await admin.signIn(running.parley.url, running.parley.admin);
  await second.signIn(running.parley.url, bea);

  const visitors = await Promise.all([0, 1, 2].map(async () => new VisitorWidgetPage(await newPage(1100))));
  const questions = ['Where is my order 1001?', 'Do you sell oolong?', 'Can I change my address?'];
  for (const [index, visitor] of visitors.entries()) {
    await visitor.goto(`${running.parley.url}/demo`);
    await visitor.open();
    await visitor.send(questions[index] as string);
    await visible(visitor.messages('visitor').filter({ hasText: questions[index] as string }));
  }

  // Every chat lands with one of the agents (least loaded first: 2 and 1).
  const mine = (console: AgentConsolePage) => console.page.getByTestId('mine-item');
  const counts = async () => [await mine(admin).count(), await mine(second).count()];
  const settled = await waitUntil(counts, (c) => c[0]! + c[1]! === 3);
  expect([...settled].sort()).toEqual([1, 2]);

  // Each agent answers their chats; each visitor sees an answer.
  for (const console of [admin, second]) {
    const total = await mine(console).count();
    for (let i = 0; i < total; i += 1) {
      await mine(console).nth(i).click();
      await console.reply(`Hello from ${console === admin ? 'Admin' : 'Bea'} (${i + 1})`);
    }
  }
  for (const visitor of visitors) await visible(visitor.messages('agent'));
  await screenshot(second.page, 'routing-01-second-agent');

  // The admin transfers one of their chats to Bea, who answers it.
  await mine(admin).first().click();
  const transferred = (await admin.openChat.getByTestId('chat-title').textContent()) ?? '';
  await admin.openChat.getByTestId('transfer-select').selectOption({ label: 'Bea' });
  await visible(second.page.getByTestId('mine-item').filter({ hasText: transferred.trim() }));
  await second.page.getByTestId('mine-item').filter({ hasText: transferred.trim() }).first().click();
  // The chat's history says who handed it on, to both agents, and the visitor who now answers.
  await visible(second.messages('system').filter({ hasText: 'Admin transferred the chat to Bea' }));
  await second.reply('Bea here, I took over your chat.');
  const takeovers = async () =>
    (await Promise.all(visitors.map((v) => v.messages('agent').filter({ hasText: 'Bea here, I took over' }).count()))).reduce((a, b) => a + b, 0);
  expect(await waitUntil(takeovers, (seen) => seen > 0)).toBe(1);
  const toldOfTakeover = async () =>
    (await Promise.all(visitors.map((v) => v.messages('system').filter({ hasText: 'Bea has taken over your chat' }).count()))).reduce((a, b) => a + b, 0);
  expect(await waitUntil(toldOfTakeover, (seen) => seen > 0)).toBe(1);
  await screenshot(admin.page, 'routing-02-admin-after-transfer');
  await screenshot(second.page, 'routing-03-second-after-transfer');
  const systemLines = await Promise.all(visitors.map((v) => v.messages('system').count()));
  await screenshot(visitors[systemLines.findIndex((n) => n > 0)]?.page ?? admin.page, 'routing-04-visitor');
});
