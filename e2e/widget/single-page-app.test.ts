/**
 * A single-page app changes pages without a reload: the agent still sees where the visitor is. The
 * loader reports each new address (pushState, hash change, back) and its title to the panel over
 * the bridge, the panel to the server, and agents get `visitor:updated` with the pages visited.
 */
import type { VisitorProfile } from '@parley/shared';
import { VisitorWidgetPage } from '../pages/visitor-widget.page';
import { eventMatching, unwrap } from '../support/socket-clients';
import { AgentDesk } from './support/agent-desk';
import { hostPageHtml, startHostSite, type HostSite } from './support/host-site';
import { startWidgetHarness, type WidgetHarness } from './support/widget-harness';

let harness: WidgetHarness;
let site: HostSite;
let agent: AgentDesk;

beforeAll(async () => {
  harness = await startWidgetHarness();
  site = await startHostSite({
    '/shop': { body: hostPageHtml({ parleyUrl: harness.parley.url, siteKey: harness.siteKey, title: 'Shop' }) },
  });
  agent = await AgentDesk.signIn(harness.parley.url, harness.parley.admin);
});

afterAll(async () => {
  agent?.close();
  await site?.stop();
  await harness?.stop();
});

test('the agent sees each page a single-page app moves to, with its title, without a reload', async () => {
  const context = await harness.browser.newContext();
  const visitor = new VisitorWidgetPage(await context.newPage());
  try {
    await visitor.goto(site.url('/shop'));
    await visitor.open();
    await visitor.send('Which tea is the smoothest?');
    const { conversationId } = await agent.visitorMessage('Which tea is the smoothest?');
    const { visitorId } = unwrap(await agent.socket.emitWithAck('conversation:open', { conversationId })).conversation;
    const profile = async () =>
      unwrap(await agent.socket.emitWithAck('visitor:profile', { visitorId })).visitor;
    expect(await profile()).toMatchObject({ pageUrl: site.url('/shop'), pageTitle: 'Shop' });

    const pageUpdate = (url: string) =>
      eventMatching<VisitorProfile>(agent.socket, 'visitor:updated', (v) => v.id === visitorId && v.pageUrl === url);

    // As a router does it: a new address, then the new page's title once it has rendered.
    let updated = pageUpdate(site.url('/teas/oolong'));
    await visitor.page.evaluate(() => {
      history.pushState({}, '', '/teas/oolong');
      document.title = 'Oolong | Shop';
    });
    expect(await updated).toMatchObject({ pageTitle: 'Oolong | Shop' });

    updated = pageUpdate(site.url('/teas/oolong#reviews'));
    await visitor.page.evaluate(() => (location.hash = 'reviews'));
    expect(await updated).toMatchObject({ pageTitle: 'Oolong | Shop' });

    updated = pageUpdate(site.url('/shop'));
    await visitor.page.evaluate(() => {
      history.go(-2);
      addEventListener('popstate', () => (document.title = 'Shop'), { once: true });
    });
    expect(await updated).toMatchObject({ pageTitle: 'Shop' });
    expect(await profile()).toMatchObject({ pageUrl: site.url('/shop'), pageTitle: 'Shop' });
    // The pages visited, oldest first, each address once in a row.
    expect((await profile()).pagesVisited?.map(({ url, title }) => [url, title])).toEqual([
      [site.url('/shop'), 'Shop'],
      [site.url('/teas/oolong'), 'Oolong | Shop'],
      [site.url('/teas/oolong#reviews'), 'Oolong | Shop'],
      [site.url('/shop'), 'Shop'],
    ]);
  } finally {
    await context.close();
  }
});
