/**
 * `@parley/widget` from npm, as a site that bundles its own JavaScript uses it: the tarball `pnpm pack`
 * makes holds only what such a site needs; a Vite app importing it shows the bubble, opens the panel
 * (from the bubble and from its own button through the typed API), reaches an agent and hears the
 * reply through `on('message')`; its types check a consumer under `tsc --strict`; and importing it
 * in Node (server-side rendering) touches no browser global.
 */
import fs from 'node:fs';
import path from 'node:path';
import { VisitorWidgetPage } from '../pages/visitor-widget.page';
import { screenshot } from '../support/browser';
import { unwrap } from '../support/socket-clients';
import { waitUntil } from '../support/wait-until';
import {
  appWithPackedWidget,
  packWidget,
  runNodeModule,
  staticFiles,
  tarballFiles,
  typeCheck,
  viteBuild,
} from '../support/widget-package';
import { AgentDesk } from './support/agent-desk';
import { startHostSite, type HostSite } from './support/host-site';
import { collectPageErrors, startWidgetHarness, type WidgetHarness } from './support/widget-harness';

let tarball: string;
beforeAll(async () => {
  tarball = await packWidget();
});

describe('the packed tarball', () => {
  test('holds the ES module, its types, the manifest and the README, nothing else', async () => {
    expect(await tarballFiles(tarball)).toEqual([
      'README.md',
      'dist/package/index.d.mts',
      'dist/package/index.mjs',
      'package.json',
    ]);
    const app = await appWithPackedWidget(tarball, {});
    const installed = path.join(app, 'node_modules/@parley/widget');
    const manifest = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8'));
    expect(manifest).toMatchObject({
      name: '@parley/widget',
      exports: { '.': { types: './dist/package/index.d.mts', default: './dist/package/index.mjs' } },
      types: './dist/package/index.d.mts',
      sideEffects: false,
      publishConfig: { access: 'public' },
    });
    expect(manifest.private).toBeUndefined();
    // Nothing to install beside it: the loader's code is inside, the panel comes from the Parley server.
    expect(manifest.dependencies).toBeUndefined();
    expect(manifest.peerDependencies).toBeUndefined();
    const readme = fs.readFileSync(path.join(installed, 'README.md'), 'utf8');
    expect(readme).toContain("import { init } from '@parley/widget'");
    // One self-contained declaration file: no import of the repository's own modules.
    expect(fs.readFileSync(path.join(installed, 'dist/package/index.d.mts'), 'utf8')).not.toMatch(/\bfrom\s+['"]/);
  });

  test('imports in plain Node without a window; init() there says to call it in the browser', async () => {
    const app = await appWithPackedWidget(tarball, { 'package.json': '{ "type": "module", "private": true }' });
    const output = await runNodeModule(
      app,
      `const { init } = await import('@parley/widget');
       try { init({ serverUrl: 'https://chat.example.com', siteKey: 'SITE' }); console.log('no error'); }
       catch (error) { console.log(error.message); }`,
    );
    expect(output).toMatch(/^Parley: init\(\) needs a browser page/);
  });

  test.each(['bundler', 'nodenext'])('types a consumer under tsc --strict (moduleResolution %s)', async (resolution) => {
    const app = await appWithPackedWidget(tarball, {
      'package.json': '{ "type": "module", "private": true }',
      'src/consumer.ts': CONSUMER_SOURCE,
      'tsconfig.json': JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: 'ES2022',
          lib: ['ES2022', 'DOM'],
          types: [],
          skipLibCheck: false,
          module: resolution === 'bundler' ? 'ESNext' : 'NodeNext',
          moduleResolution: resolution === 'bundler' ? 'Bundler' : 'NodeNext',
        },
        include: ['src'],
      }),
    });
    // Passes only if the right uses type-check and each @ts-expect-error line really is an error.
    await typeCheck(app, 'tsconfig.json');
  });
});

/** What a site's TypeScript does with the package; the @ts-expect-error lines must be errors. */
const CONSUMER_SOURCE = `
import { init, type Parley, type ParleyEventPayloads, type ParleyInitOptions, type VisitorIdentity } from '@parley/widget';

const options: ParleyInitOptions = {
  serverUrl: 'https://chat.example.com',
  siteKey: 'SITE_KEY',
  position: 'bottom-left',
  color: '#0a7d55',
  locale: 'de',
  hideLauncher: false,
};
const parley: Parley = init(options);
const identity: VisitorIdentity = { name: 'Ada Lovelace', email: 'ada@example.com' };
parley.identify(identity);
parley.setLocale('fr');
parley.open();
parley.close();
parley.toggle();
const onMessage = (message: ParleyEventPayloads['message']): void => {
  const text: string = message.text.toUpperCase();
  const author: string | null = message.authorName;
  console.log(author, text);
};
parley.on('message', onMessage);
parley.off('message', onMessage);
parley.on('unread', (count) => console.log(count.toFixed(0)));
parley.on('open', () => undefined);

// @ts-expect-error: there is no 'messages' event
parley.on('messages', () => undefined);
// @ts-expect-error: the unread count is a number
parley.on('unread', (count: string) => console.log(count));
// @ts-expect-error: the site key is required
init({ serverUrl: 'https://chat.example.com' });
// @ts-expect-error: there is no show(); open() shows the panel
parley.show();
`;

describe('a Vite app importing the packed package', () => {
  let harness: WidgetHarness;
  let site: HostSite;
  let agent: AgentDesk;

  beforeAll(async () => {
    harness = await startWidgetHarness();
    const app = await appWithPackedWidget(tarball, {
      'package.json': '{ "type": "module", "private": true }',
      'index.html': hostAppHtml(),
      'src/main.ts': hostAppSource(harness.parley.url, harness.siteKey),
    });
    site = await startHostSite(staticFiles(await viteBuild(app)));
    agent = await AgentDesk.signIn(harness.parley.url, harness.parley.admin);
  });

  afterAll(async () => {
    agent?.close();
    await site?.stop();
    await harness?.stop();
  });

  test('shows the bubble, opens the panel, reaches an agent, and hears the reply through on("message")', async () => {
    const context = await harness.browser.newContext({ viewport: { width: 1100, height: 760 } });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    const visitor = new VisitorWidgetPage(page);
    await visitor.goto(site.url('/'));
    // The app's bundle is its own: no snippet script from the Parley server on the page.
    expect(await page.locator('script[src*="widget.js"]').count()).toBe(0);
    expect(await visitor.frame.evaluate((frame: HTMLIFrameElement) => new URL(frame.src).origin)).toBe(
      harness.parley.url,
    );

    await visitor.open();
    await visitor.send('Hello from a bundled site');
    const message = await agent.visitorMessage('Hello from a bundled site');
    // identify() from the bundle reached the agent (the visitor's profile; the message may have raced it).
    if (message.author.kind !== 'visitor') throw new Error('not a visitor message');
    const visitorId = message.author.id;
    const profile = await waitUntil(
      async () => unwrap(await agent.socket.emitWithAck('visitor:profile', { visitorId })).visitor,
      (visitor) => visitor.name === 'Ada Bundled',
    );
    expect(profile.email).toBe('ada@bundled.example');

    await agent.reply(message.conversationId, 'Hello, bundled visitor');
    await visitor.messages('agent').filter({ hasText: 'Hello, bundled visitor' }).waitFor();
    // The app's on('message') handler wrote the reply into the page.
    const heard = page.getByRole('list', { name: 'Replies heard by the app' }).getByRole('listitem');
    await heard.filter({ hasText: 'Hello, bundled visitor' }).waitFor();
    expect(await heard.allTextContents()).toEqual([expect.stringMatching(/: Hello, bundled visitor$/)]);
    await screenshot(page, 'widget-npm-package-01-chat');

    // The app's own buttons drive the panel through the typed API.
    await visitor.closeButton.click();
    await visitor.frame.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Chat with us' }).click();
    await visitor.composer.waitFor({ state: 'visible' });
    expect(await page.getByTestId('app-events').textContent()).toBe('open close open');
    expect(errors).toEqual([]);
    await context.close();
  });
});

function hostAppHtml(): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Bundled shop</title></head>
<body>
<h1>Bundled shop</h1>
<button type="button" id="chat">Chat with us</button>
<p>Events: <output data-testid="app-events"></output></p>
<ul aria-label="Replies heard by the app"></ul>
<script type="module" src="/src/main.ts"></script>
</body>
</html>`;
}

function hostAppSource(serverUrl: string, siteKey: string): string {
  return `
import { init, type ParleyEventName } from '@parley/widget';

const parley = init({ serverUrl: ${JSON.stringify(serverUrl)}, siteKey: ${JSON.stringify(siteKey)} });
parley.identify({ name: 'Ada Bundled', email: 'ada@bundled.example' });
const events: ParleyEventName[] = [];
const eventsOutput = document.querySelector('[data-testid="app-events"]')!;
for (const event of ['open', 'close'] as const) {
  parley.on(event, () => {
    events.push(event);
    eventsOutput.textContent = events.join(' ');
  });
}
parley.on('message', (message) => {
  const item = document.createElement('li');
  item.textContent = (message.authorName ?? 'Support') + ': ' + message.text;
  document.querySelector('ul')!.append(item);
});
document.getElementById('chat')!.addEventListener('click', () => parley.open());
// Safe to call again (a re-rendered component, hot reload): the same widget, not a second bubble.
if (init({ serverUrl: ${JSON.stringify(serverUrl)}, siteKey: ${JSON.stringify(siteKey)} }) !== parley) throw new Error('a second instance');
`;
}
