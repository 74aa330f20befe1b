/**
 * Self-service end to end, in real Chromium: an admin writes and publishes an article in the
 * console's editor; a visitor on the demo page types a question, the widget suggests the article,
 * the visitor reads it, finds it helpful and says it solved the question; another visitor's first
 * message is held back once for the article, and that visitor asks for a person; the admin's
 * analytics dashboard and reader feedback count all of it. Screenshots are left to look at.
 */
import { randomUUID } from 'node:crypto';
import { AgentConsolePage } from '../pages/agent-console.page';
import { AnalyticsPage, KnowledgeBasePage } from '../pages/knowledge-base.page';
import { VisitorWidgetPage } from '../pages/visitor-widget.page';
import { screenshot } from '../support/browser';
import { useParleyAndBrowser } from '../support/parley-and-browser';
import { connectAgent, connectVisitor, siteKeyOf, unwrap } from '../support/socket-clients';

const running = useParleyAndBrowser();

const ARTICLE = {
  title: 'How to return a parcel',
  summary: 'Print the free label from your order page and drop the parcel at any post office.',
  body: [
    '## Free returns within 30 days',
    '',
    'Open **My orders**, choose the order and press *Return*. Then:',
    '',
    '1. Print the free return label.',
    '2. Drop the parcel at any post office.',
    '',
    'The refund reaches you within 5 days of our receiving the parcel.',
  ].join('\n'),
};

/**
 * Other visitors chat meanwhile (over the socket, as the panel does) so the dashboard has volume to
 * draw: the admin answers two chats and resolves one, which its visitor rates 5; the third visitor
 * gives up unanswered, and their chat becomes a ticket.
 */
async function otherVisitorsChat(): Promise<void> {
  const siteKey = await siteKeyOf(running.parley.url);
  const desk = await connectAgent(running.parley.url, running.parley.admin.email, running.parley.admin.password);
  const chats = [];
  for (const text of ['Do you ship to Norway?', 'Is the green tea organic?', 'Can I pay by invoice?']) {
    const { socket } = await connectVisitor(running.parley.url, { siteKey });
    const message = unwrap(await socket.emitWithAck('message:send', { clientId: `e2e-${randomUUID()}`, text }));
    chats.push({ socket, conversationId: message.conversationId });
  }
  const [norway, organic, invoice] = chats as [(typeof chats)[number], (typeof chats)[number], (typeof chats)[number]];
  const answer = (conversationId: string, text: string) =>
    desk.emitWithAck('message:send', { conversationId, clientId: `e2e-${randomUUID()}`, text }).then(unwrap);
  await answer(norway.conversationId, 'Yes, in 3 to 5 days.');
  await answer(organic.conversationId, 'It is, certified.');
  unwrap(await desk.emitWithAck('conversation:resolve', { conversationId: norway.conversationId }));
  unwrap(await norway.socket.emitWithAck('conversation:rate', { score: 5, comment: 'Fast answer.' }));
  unwrap(await invoice.socket.emitWithAck('conversation:end', {}));
  for (const chat of chats) chat.socket.disconnect();
  desk.disconnect();
}

test('an article written in the console answers a visitor in the widget, and the dashboard counts it', async () => {
  const adminContext = await running.browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-US' });
  const admin = new AgentConsolePage(await adminContext.newPage());
  await admin.signIn(running.parley.url, running.parley.admin);

  // The admin writes the article in the editor, sees it rendered, and publishes it.
  const kb = new KnowledgeBasePage(admin.page);
  await kb.open();
  await kb.writeAndPublish(ARTICLE);
  await kb.preview.getByRole('heading', { name: 'Free returns within 30 days' }).waitFor();
  await expect(kb.preview.getByRole('listitem').allTextContents()).resolves.toEqual([
    'Print the free return label.',
    'Drop the parcel at any post office.',
  ]);
  await screenshot(admin.page, 'self-service-01-article-editor');

  await otherVisitorsChat();

  // A visitor types a question; the widget suggests the article before anything is sent.
  const visitor = new VisitorWidgetPage(
    await (await running.browser.newContext({ viewport: { width: 1200, height: 850 }, locale: 'en-US' })).newPage(),
  );
  await visitor.goto(`${running.parley.url}/demo`);
  await visitor.open();
  await visitor.typeQuestion('how do I return my parcel?');
  await visitor.suggestedArticle(ARTICLE.title).click();
  await visitor.articleDialog.getByRole('heading', { name: ARTICLE.title }).waitFor();
  const articleBody = visitor.articleDialog.frameLocator('iframe');
  await articleBody.getByRole('heading', { name: 'Free returns within 30 days' }).waitFor();
  await visitor.articleDialog.getByRole('button', { name: 'Back to chat' }).waitFor();
  await screenshot(visitor.page, 'self-service-02-widget-article');
  await visitor.markArticleHelpfulAndSolved();
  // Nothing was sent: the article answered the question.
  await expect(visitor.messages().count()).resolves.toBe(0);

  // Another visitor sends a first message the article answers: the panel holds it back once and
  // offers the article; this visitor wants a person, and the message goes to the admin.
  const second = new VisitorWidgetPage(
    await (await running.browser.newContext({ viewport: { width: 1200, height: 850 }, locale: 'en-US' })).newPage(),
  );
  await second.goto(`${running.parley.url}/demo`);
  await second.open();
  await second.typeQuestion('Can I return a parcel I opened?');
  // Suggestions come after a pause in typing; the visitor presses Enter once the article shows.
  await second.suggestedArticle(ARTICLE.title).waitFor();
  await second.composer.press('Enter');
  await second.offeredArticle(ARTICLE.title).click();
  await second.articleDialog.frameLocator('iframe').getByRole('heading', { name: 'Free returns within 30 days' }).waitFor();
  await screenshot(second.page, 'self-service-03-widget-offer');
  await second.articleDialog.getByRole('button', { name: 'Talk to a person' }).click();
  await second.messages('visitor').filter({ hasText: 'Can I return a parcel I opened?' }).waitFor();
  await admin.page.getByTestId('chats-nav').click();
  // The only chat still waiting for an answer (the others were answered or ended).
  await admin.conversation('Awaiting your reply').click();
  await admin.messages('visitor').filter({ hasText: 'Can I return a parcel I opened?' }).waitFor();

  // The dashboard: four chats and one question solved by the article, of five who sought help.
  const analytics = new AnalyticsPage(admin.page);
  await analytics.open();
  await analytics.kpi('deflection').getByText('1 solved by an article').waitFor();
  await expect(analytics.kpiValue('deflection').textContent()).resolves.toBe('20%');
  await expect(analytics.kpiValue('conversations').textContent()).resolves.toBe('4');
  await expect(analytics.kpiValue('tickets').textContent()).resolves.toBe('1');
  await expect(analytics.kpiValue('csat').textContent()).resolves.toBe('100%');
  await expect(analytics.kpiValue('firstResponseMedian').textContent()).resolves.not.toBe('—');
  // Chats and tickets stacked per day and per hour: four chats and one ticket, all today.
  const total = (values: number[]) => values.reduce((sum, value) => sum + value, 0);
  expect(total(await analytics.barValues('analytics-chart-day'))).toBe(5);
  expect(total(await analytics.barValues('analytics-chart-hour'))).toBe(5);
  await screenshot(admin.page, 'self-service-04-analytics-dashboard');

  // Reader feedback: one "helpful" vote, one "this solved it" and one "talk to a person".
  await kb.open();
  await kb.openReaderFeedback();
  await expect(kb.feedbackFigure('helpful').textContent()).resolves.toBe('1');
  await expect(kb.feedbackFigure('solved').textContent()).resolves.toBe('1');
  await expect(kb.feedbackFigure('human').textContent()).resolves.toBe('1');
  await admin.page.getByTestId('kb-stats-table').getByRole('cell', { name: ARTICLE.title }).waitFor();
  await screenshot(admin.page, 'self-service-05-reader-feedback');
});
