/**
 * The site's languages in real Chromium: an admin offers German and French (French by default) in
 * the console's site settings; then the widget shows a German browser German, a Russian browser
 * French (not Russian, not English), and a page that names its language with data-locale still
 * gets that one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AgentConsolePage } from '../pages/agent-console.page';
import { VisitorWidgetPage } from '../pages/visitor-widget.page';
import { screenshot } from '../support/browser';
import { hostPageHtml, startHostSite, type HostSite } from './support/host-site';
import { collectPageErrors, startWidgetHarness, type WidgetHarness } from './support/widget-harness';

interface WidgetStrings {
  close: string;
  composer: { label: string };
  offline: { send: string };
}

// The panel's strings: those fetched at start (widget.json) and those of its on-demand parts.
const stringsOf = (lng: string): WidgetStrings => {
  const read = (namespace: string) =>
    JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../shared/locales', lng, `${namespace}.json`), 'utf8')) as Partial<WidgetStrings>;
  const [core, parts] = [read('widget'), read('widget-parts')];
  return { ...core, ...parts, offline: { ...core.offline, ...parts.offline } } as WidgetStrings;
};

let harness: WidgetHarness;
let site: HostSite;

beforeAll(async () => {
  harness = await startWidgetHarness();
  const page = (snippetAttributes = '') =>
    ({ body: hostPageHtml({ parleyUrl: harness.parley.url, siteKey: harness.siteKey, snippetAttributes }) });
  site = await startHostSite({ '/': page(), '/russian-page': page('data-locale="ru"') });
  // The admin chooses the languages in the console's site settings.
  const context = await harness.browser.newContext({ viewport: { width: 1300, height: 1400 }, locale: 'en-US' });
  const admin = new AgentConsolePage(await context.newPage());
  await admin.signIn(harness.parley.url, harness.parley.admin);
  await admin.openSiteSettings();
  await admin.setSiteLanguages(['Deutsch', 'Français'], 'Français');
  await admin.page.getByTestId('settings-languages').scrollIntoViewIfNeeded();
  await screenshot(admin.page, 'widget-site-languages-settings');
  await context.close();
});

afterAll(async () => {
  await site?.stop();
  await harness?.stop();
});

test.each([
  { browserLocale: 'de-DE', page: '/', lng: 'de', why: 'its browser language, which the site offers' },
  { browserLocale: 'ru-RU', page: '/', lng: 'fr', why: 'the site default: the site does not offer Russian' },
  { browserLocale: 'ru-RU', page: '/russian-page', lng: 'ru', why: 'the language the page names with data-locale' },
])('a $browserLocale browser on $page gets $lng: $why', async ({ browserLocale, page: pagePath, lng }) => {
  const context = await harness.browser.newContext({ locale: browserLocale, viewport: { width: 1000, height: 720 } });
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  const strings = stringsOf(lng);
  const visitor = new VisitorWidgetPage(page, { composer: strings.composer.label, close: strings.close });
  await visitor.goto(site.url(pagePath));
  // Nobody is online: the panel opens on its offline form, in the chosen language all the same.
  await visitor.bubble.click();
  await visitor.closeButton.waitFor({ state: 'visible' });
  await visitor.panel.getByRole('button', { name: strings.offline.send }).waitFor({ state: 'visible' });
  expect(await visitor.panel.locator('html').getAttribute('lang')).toBe(lng);
  await screenshot(page, `widget-site-language-${browserLocale}-${lng}`);
  expect(errors).toEqual([]);
  await context.close();
});
