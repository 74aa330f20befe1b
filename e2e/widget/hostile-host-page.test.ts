/**
 * The widget on a hostile customer site: another site than Parley's (localhost vs 127.0.0.1), a
 * strict Content Security Policy as a response header, global CSS resets with `!important`
 * everywhere, and full-z-index overlays around (not over) the bottom-right corner. The bubble must
 * still sit bottom-right, open the panel, and carry a chat both ways, without one CSP violation.
 */
import type { Page } from 'playwright-core';
import { VisitorWidgetPage } from '../pages/visitor-widget.page';
import { screenshot } from '../support/browser';
import { AgentDesk } from './support/agent-desk';
import { hostPageHtml, startHostSite, type HostSite } from './support/host-site';
import { collectPageErrors, startWidgetHarness, type WidgetHarness } from './support/widget-harness';

const VIEWPORT = { width: 1280, height: 800 };

// Global resets a careless theme ships, aimed at everything the widget draws, plus two overlays
// at the highest z-index that leave the bottom-right corner free.
const HOSTILE_CSS = `
* { all: unset !important; }
html, body, header, main, h1, h2, p { display: block !important; }
head, script, style, link, title, meta { display: none !important; }
body { font: 16px/1.5 serif !important; margin: 0 !important; }
iframe { display: none !important; visibility: hidden !important; width: 0 !important; height: 0 !important; }
div { position: static !important; }
button, svg, span { display: none !important; opacity: 0 !important; pointer-events: none !important; }
body > * { position: relative !important; transform: translateZ(0) !important; contain: paint !important;
  overflow: hidden !important; filter: grayscale(1) !important; z-index: 1 !important; }
body > *:last-child { display: none !important; }
div.promo-top { position: fixed !important; top: 0 !important; left: 0 !important; right: 0 !important;
  height: 96px !important; z-index: 2147483647 !important; background: #c0392b !important; color: #fff !important; display: block !important; }
div.promo-side { position: fixed !important; top: 0 !important; bottom: 0 !important; left: 0 !important;
  width: 50vw !important; z-index: 2147483647 !important; background: #8e44ad !important; display: block !important; }
`;

// Chromium reports every violation as an event in the document that caused it; this runs in each frame.
function recordCspViolations(): void {
  const store: unknown[] = [];
  (window as unknown as { __cspViolations: unknown[] }).__cspViolations = store;
  document.addEventListener('securitypolicyviolation', (event) => {
    store.push({
      frame: location.origin + location.pathname,
      directive: event.effectiveDirective,
      blocked: event.blockedURI,
      source: event.sourceFile,
      sample: event.sample,
    });
  });
}

interface Violation {
  frame: string;
  directive: string;
  blocked: string;
  source: string;
  sample: string;
}

async function violationsIn(page: Page): Promise<Violation[]> {
  const all: Violation[] = [];
  for (const frame of page.frames()) {
    all.push(
      ...(await frame.evaluate(
        () => (window as unknown as { __cspViolations?: Violation[] }).__cspViolations ?? [],
      )),
    );
  }
  return all;
}

/** What the point's topmost element is on the host page (the launcher's host element when the widget is on top). */
const topmostAt = (page: Page, x: number, y: number) =>
  page.evaluate(
    ([px, py]) => document.elementFromPoint(px as number, py as number)?.localName ?? null,
    [x, y],
  );

let harness: WidgetHarness;
let site: HostSite;
let agent: AgentDesk;

beforeAll(async () => {
  harness = await startWidgetHarness();
  const parleyOrigin = harness.parley.url;
  const csp = [
    "default-src 'self'",
    `script-src 'self' ${parleyOrigin}`,
    `frame-src ${parleyOrigin}`,
    "connect-src 'self'",
  ].join('; ');
  site = await startHostSite(
    {
      '/': {
        headers: { 'content-security-policy': csp },
        body: hostPageHtml({
          parleyUrl: parleyOrigin,
          siteKey: harness.siteKey,
          title: 'Hostile Tea Shop',
          // The inline script is the control: the policy is enforced and violations are recorded.
          head: '<link rel="stylesheet" href="/hostile.css"><script>window.inlineRan = true;</script>',
          body: '<div class="promo-top">SALE! Everything must go!</div><div class="promo-side">Newsletter</div>',
        }),
      },
      '/hostile.css': { type: 'text/css', body: HOSTILE_CSS },
    },
    // Another site, not just another port: the panel is a third-party frame, as on a customer's domain.
    { hostname: 'localhost' },
  );
  agent = await AgentDesk.signIn(harness.parley.url, harness.parley.admin);
});

afterAll(async () => {
  agent?.close();
  await site?.stop();
  await harness?.stop();
});

test('the bubble sits bottom-right on a hostile page with a strict CSP, opens, and a chat round-trips', async () => {
  const context = await harness.browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript(recordCspViolations);
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  const visitor = new VisitorWidgetPage(page);

  await visitor.goto(site.url('/'));
  expect(new URL(page.url()).hostname).toBe('localhost');
  expect(new URL(harness.parley.url).hostname).toBe('127.0.0.1');
  // The hostile stylesheet did apply: the page's own iframe-less, button-less world.
  expect(
    await page.evaluate(() => getComputedStyle(document.querySelector('h1') as Element).fontWeight),
  ).toBe('400');

  // Bottom-right, 20 px from the edges, 56 px round, and nothing on top of it.
  const bubble = await visitor.bubble.boundingBox();
  expect(bubble).not.toBeNull();
  expect(bubble!.width).toBe(56);
  expect(bubble!.height).toBe(56);
  expect(VIEWPORT.width - (bubble!.x + bubble!.width)).toBe(20);
  expect(VIEWPORT.height - (bubble!.y + bubble!.height)).toBe(20);
  expect(await topmostAt(page, bubble!.x + 28, bubble!.y + 28)).toBe('parley-widget');
  await screenshot(page, 'widget-hostile-01-bubble');

  await visitor.open();
  const frame = await visitor.frame.boundingBox();
  expect(frame).not.toBeNull();
  expect(frame!.width).toBe(370);
  expect(frame!.height).toBe(600);
  expect(VIEWPORT.width - (frame!.x + frame!.width)).toBe(20);
  expect(VIEWPORT.height - (frame!.y + frame!.height)).toBe(88);
  expect(await topmostAt(page, frame!.x + frame!.width / 2, frame!.y + frame!.height / 2)).toBe(
    'parley-widget',
  );
  expect(await visitor.bubble.getAttribute('aria-expanded')).toBe('true');

  await visitor.send('Hello from a hostile page');
  const asked = await agent.visitorMessage('Hello from a hostile page');
  await agent.reply(asked.conversationId, 'Hello, hostile page! We read you.');
  await visitor.messages('agent').filter({ hasText: 'We read you.' }).waitFor({ state: 'visible' });
  await visitor.panel
    .locator('[data-testid="message"][data-status="sent"]', { hasText: 'Hello from a hostile page' })
    .waitFor();
  expect(await visitor.messageTexts()).toEqual([
    'Hello from a hostile page',
    'Hello, hostile page! We read you.',
  ]);
  await screenshot(page, 'widget-hostile-02-panel-chat');

  const violations = await violationsIn(page);
  const control = violations.filter(
    (v) => v.frame === `${site.origin}/` && v.blocked === 'inline' && v.source === `${site.origin}/`,
  );
  // Exactly the control: the policy is live and the recorder works; nothing else, from any frame.
  expect(control).toHaveLength(1);
  expect(violations.filter((v) => !control.includes(v))).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { inlineRan?: boolean }).inlineRan ?? false)).toBe(
    false,
  );
  const isControl = (line: string) =>
    line.includes(`(${site.origin}/)`) && /Content Security Policy/.test(line) && /inline script/i.test(line);
  expect(errors.filter((line) => !isControl(line))).toEqual([]);

  await context.close();
});

const bubbleCorner = async (css: string, htmlAttributes: string) => {
  const rtlSite = await startHostSite({
    '/': {
      body: hostPageHtml({
        parleyUrl: harness.parley.url,
        siteKey: harness.siteKey,
        htmlAttributes,
        head: '<link rel="stylesheet" href="/theme.css">',
      }),
    },
    '/theme.css': { type: 'text/css', body: css },
  });
  const context = await harness.browser.newContext({ viewport: VIEWPORT });
  try {
    const visitor = new VisitorWidgetPage(await context.newPage());
    await visitor.goto(rtlSite.url('/'));
    const box = await visitor.bubble.boundingBox();
    return { left: box!.x, right: VIEWPORT.width - (box!.x + box!.width) };
  } finally {
    await context.close();
    await rtlSite.stop();
  }
};

describe('right-to-left host pages', () => {
  test('an Arabic page (dir="rtl" on <html>, inherited) keeps the bubble bottom-right', async () => {
    expect(await bubbleCorner('body { direction: rtl; }', 'lang="ar" dir="rtl"')).toMatchObject({
      right: 20,
    });
  });

  // The launcher's host element once took `direction: rtl !important` from such a theme and its
  // logical `inset-inline-end` flipped the bubble to bottom-left.
  test('a theme with `* { direction: rtl !important }` keeps the bubble bottom-right', async () => {
    expect(await bubbleCorner('* { direction: rtl !important; }', 'lang="ar" dir="rtl"')).toMatchObject({
      right: 20,
    });
  });
});
