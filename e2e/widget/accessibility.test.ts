/**
 * axe-core over what the widget puts in front of a visitor: the bubble on the host page (inside its
 * shadow root) closed and open, and the open panel in its frame, empty and during a chat, in English
 * and in Arabic. WCAG 2.0-2.2 A/AA rules must all pass, and so must axe's best-practice rules.
 */
import type { Frame, Page } from 'playwright-core';
import { VisitorWidgetPage, type VisitorPanelLabels } from '../pages/visitor-widget.page';
import { screenshot } from '../support/browser';
import { axeViolations, WCAG_AA_TAGS } from './support/axe-audit';
import { hostPageHtml } from './support/host-site';
import { useWidgetScene } from './support/widget-scene';

const scene = useWidgetScene((harness) => ({
  '/ar': {
    body: hostPageHtml({
      parleyUrl: harness.parley.url,
      siteKey: harness.siteKey,
      title: 'متجر الشاي',
      htmlAttributes: 'lang="ar" dir="rtl"',
      snippetAttributes: 'data-locale="ar"',
    }),
  },
}));

const panelFrame = (page: Page): Frame => {
  const frame = page.frames().find((f) => new URL(f.url()).pathname === '/panel/');
  if (!frame) throw new Error('the panel frame is not on the page');
  return frame;
};

const newVisitor = async (labels: Partial<VisitorPanelLabels> = {}) => {
  const context = await scene.harness.browser.newContext({ viewport: { width: 1100, height: 760 } });
  return new VisitorWidgetPage(await context.newPage(), labels);
};

/** The visitor writes, the agent answers, and the panel shows both with the visitor's message delivered. */
async function chat(visitor: VisitorWidgetPage, question: string, answer: string): Promise<void> {
  await visitor.send(question);
  const asked = await scene.agent.visitorMessage(question);
  await scene.agent.reply(asked.conversationId, answer);
  await visitor.messages('agent').filter({ hasText: answer }).waitFor();
  await visitor.panel.locator('[data-testid="message"][data-status="sent"]').waitFor();
}

test('the bubble on the host page passes every default axe rule, closed and open', async () => {
  const visitor = await newVisitor();
  await visitor.goto(scene.site.url('/'));
  await visitor.frame.waitFor({ state: 'attached' });
  expect(await axeViolations(visitor.page)).toEqual([]);

  await visitor.open();
  // With the panel open: the bubble, now expanded, and the titled iframe.
  expect(await axeViolations(visitor.page)).toEqual([]);
  await visitor.page.context().close();
});

test('the open panel passes the WCAG 2.2 A/AA rules, empty and during a chat', async () => {
  const visitor = await newVisitor();
  await visitor.goto(scene.site.url('/'));
  await visitor.open();
  expect(await axeViolations(panelFrame(visitor.page), { tags: WCAG_AA_TAGS })).toEqual([]);

  await chat(
    visitor,
    'Is the panel readable with a screen reader?',
    'It should be: every control has a name.',
  );
  expect(await axeViolations(panelFrame(visitor.page), { tags: WCAG_AA_TAGS })).toEqual([]);
  await screenshot(visitor.page, 'widget-axe-01-chat');
  await visitor.page.context().close();
});

test('in Arabic (data-locale="ar" on an RTL page) the panel passes WCAG 2.2 A/AA and the bubble every rule', async () => {
  const visitor = await newVisitor({ composer: 'اكتب رسالتك', close: 'إغلاق المحادثة' });
  await visitor.goto(scene.site.url('/ar'));
  await visitor.open();
  await chat(visitor, 'مرحبا', 'أهلا وسهلا');
  expect(await axeViolations(panelFrame(visitor.page), { tags: WCAG_AA_TAGS })).toEqual([]);
  expect(await axeViolations(visitor.page)).toEqual([]);
  await screenshot(visitor.page, 'widget-axe-02-arabic');
  await visitor.page.context().close();
});

// The panel is a document of its own: without a <main> around the messages and the composer, axe's
// landmark-one-main and region rules failed (widget/src/panel/components/PanelApp.tsx).
test('the open panel passes every default axe rule, best practices included', async () => {
  const visitor = await newVisitor();
  try {
    await visitor.goto(scene.site.url('/'));
    await visitor.open();
    expect(await axeViolations(panelFrame(visitor.page))).toEqual([]);
    await chat(visitor, 'Where are the landmarks?', 'In the panel, around the chat.');
    expect(await axeViolations(panelFrame(visitor.page))).toEqual([]);
  } finally {
    await visitor.page.context().close();
  }
});
