import { wrapBridgeMessage, type LoaderToPanelMessage, type PanelToLoaderMessage } from '../../../shared/src/bridge';
import { types } from 'node:util';
import { bootParley, type ParleyWindow } from './loader';
import type { ParleyGlobal, ParleyStub } from './parley-api';

const PARLEY_ORIGIN = 'https://parley.test';
const SITE_KEY = 'site_key_123';
const win = window as ParleyWindow;

function installSnippet(attributes = ''): void {
  // Inserted via innerHTML the script does not run; the loader only needs to find it.
  document.body.innerHTML = `<script async src="${PARLEY_ORIGIN}/widget.js" data-site="${SITE_KEY}" ${attributes}></script>`;
}

/** The documented stub, as a page installs it before widget.js arrives. */
function installStub(): ParleyStub {
  const stub: ParleyStub = function () {
    // eslint-disable-next-line prefer-rest-params -- the snippet pushes `arguments`, as pages will
    (stub.q ??= []).push(arguments);
  };
  return stub;
}

function shadow(): ShadowRoot {
  const host = document.querySelector('parley-widget');
  if (!host?.shadowRoot) throw new Error('no widget host with an open shadow root');
  return host.shadowRoot;
}
const bubble = () => shadow().querySelector<HTMLButtonElement>('button.b')!;
const badge = () => shadow().querySelector<HTMLElement>('.u')!;
const frame = () => shadow().querySelector<HTMLIFrameElement>('iframe.f');
/** The launcher's stylesheet, adopted or (where constructed sheets are missing) a <style>. */
const launcherCss = (): string =>
  [...(shadow().adoptedStyleSheets ?? [])].flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText)).join('') +
  (shadow().querySelector('style')?.textContent ?? '');
const hostDirection = () => {
  const style = document.querySelector<HTMLElement>('parley-widget')!.style;
  return `${style.direction}${style.getPropertyPriority('direction') ? ' !important' : ''}`;
};

function fromPanel(msg: PanelToLoaderMessage, init: { origin?: string; source?: Window | null } = {}): void {
  const source = init.source === undefined ? panelWindow : init.source;
  window.dispatchEvent(
    new MessageEvent('message', { data: wrapBridgeMessage(msg), origin: init.origin ?? PARLEY_ORIGIN, source }),
  );
}

/** The page without its snippet and widget (which sits beside the body, not in it). */
function clearPage(): void {
  document.body.innerHTML = '';
  document.querySelectorAll('parley-widget').forEach((host) => host.remove());
}

function boot(): ParleyGlobal {
  const api = bootParley(win);
  if (!api) throw new Error('the loader did not boot');
  return api;
}

// jsdom gives no browsing context to iframes inside shadow trees; a light-DOM iframe's window stands in.
let panelWindow: Window;
beforeAll(() => {
  // jsdom has no CSS.supports: its style parser, which drops a value it cannot read, stands in.
  const css = ((globalThis as { CSS?: object }).CSS ??= {}) as { supports?: (property: string, value: string) => boolean };
  css.supports ??= (property, value) => {
    const style = document.createElement('i').style;
    style.setProperty(property, value);
    return style.getPropertyValue(property) !== '';
  };
  const standIn = document.createElement('iframe');
  document.head.append(standIn);
  panelWindow = standIn.contentWindow!;
  jest.spyOn(HTMLIFrameElement.prototype, 'contentWindow', 'get').mockImplementation(function (this: HTMLIFrameElement) {
    return this.isConnected ? panelWindow : null;
  });
});

beforeEach(() => {
  jest.useFakeTimers();
  delete win.Parley;
  delete win.ParleySettings;
  document.title = 'Shop';
  installSnippet();
});
afterEach(() => {
  jest.useRealTimers();
  clearPage();
});

describe('loader', () => {
  it('draws the bubble in an open shadow root at once, and creates the iframe only when idle', () => {
    boot();
    expect(bubble()).toHaveAccessibleName('Open chat');
    expect(bubble()).toHaveAttribute('aria-expanded', 'false');
    expect(badge().hidden).toBe(true);
    expect(frame()).toBeNull();

    jest.runOnlyPendingTimers();
    const src = new URL(frame()!.src);
    expect(src.origin + src.pathname).toBe(`${PARLEY_ORIGIN}/panel/`);
    expect(src.searchParams.get('site')).toBe(SITE_KEY);
    // The host page travels in the fragment: the panel learns its peer's origin, the server never sees it.
    const page = new URLSearchParams(src.hash.slice(1));
    expect(page.get('page')).toBe(window.location.href);
    expect(page.get('title')).toBe('Shop');
    expect(frame()).toHaveAttribute('title', 'Parley chat');
    expect(frame()!.hidden).toBe(true);
  });

  it('creates the iframe on first hover before the page is idle', () => {
    boot();
    bubble().dispatchEvent(new MouseEvent('mouseenter'));
    expect(frame()).not.toBeNull();
  });

  it('shields the host element from page styles with an inline all:initial', () => {
    boot();
    expect(document.querySelector<HTMLElement>('parley-widget')!.style.getPropertyValue('all')).toBe('initial');
  });

  it('opens and closes the panel from the bubble and tells page listeners', () => {
    const api = boot();
    const opened = jest.fn();
    const closed = jest.fn();
    api.on('open', opened);
    api.on('close', closed);

    bubble().click();
    expect(frame()!.hidden).toBe(false);
    expect(bubble()).toHaveAttribute('aria-expanded', 'true');
    bubble().click();
    expect(frame()!.hidden).toBe(true);
    jest.runOnlyPendingTimers();
    expect(opened).toHaveBeenCalledTimes(1);
    expect(closed).toHaveBeenCalledTimes(1);
  });

  it("keeps replaying the queue past an event name from Object's prototype, and never runs a string as code", () => {
    const stub = installStub();
    win.Parley = stub;
    stub('on', 'toString', () => undefined);
    stub('on', 'open', 'window.__parleyRan = 1');
    stub('open');
    const api = boot();
    expect(win.Parley).toBe(api);
    expect(frame()!.hidden).toBe(false);
    // The string fails in a task of its own, as any handler that is no function: the page's console says so.
    expect(() => jest.runOnlyPendingTimers()).toThrow(/not a function/);
    expect((window as { __parleyRan?: number }).__parleyRan).toBeUndefined();
  });

  it('replays calls queued by the stub before it loaded, in order', () => {
    const stub = installStub();
    win.Parley = stub;
    const onUnread = jest.fn();
    stub('on', 'unread', onUnread);
    stub('open');
    stub('noSuchMethod', 1);

    const api = boot();
    expect(win.Parley).toBe(api);
    expect(frame()!.hidden).toBe(false);
    fromPanel({ type: 'unread:changed', count: 2, label: 'Open chat', title: 'Chat with us' });
    jest.runOnlyPendingTimers();
    expect(onUnread).toHaveBeenCalledWith(2);
    // The loaded global is still callable the stub's way.
    api('close');
    expect(frame()!.hidden).toBe(true);
  });

  it('refuses bridge messages from another origin or another window', () => {
    boot();
    fromPanel({ type: 'unread:changed', count: 2, label: 'Open chat', title: 'Chat with us' }, { source: null });
    jest.runOnlyPendingTimers();
    fromPanel({ type: 'unread:changed', count: 3, label: 'Open chat', title: 'Chat with us' }, { origin: 'https://evil.test' });
    fromPanel({ type: 'unread:changed', count: 4, label: 'Open chat', title: 'Chat with us' }, { source: window });
    fromPanel({ type: 'unread:changed', count: 5, label: 'Open chat', title: 'Chat with us' }, { source: null });
    expect(badge().hidden).toBe(true);

    fromPanel({ type: 'unread:changed', count: 6, label: 'Open chat', title: 'Chat with us' });
    expect(badge().hidden).toBe(false);
    expect(badge()).toHaveTextContent('6');
  });

  it('posts to the panel only after it is ready, and only to the Parley origin', () => {
    const api = boot();
    jest.runOnlyPendingTimers();
    const post = jest.spyOn(panelWindow, 'postMessage').mockImplementation(() => undefined);
    api.identify({ name: 'Ada' });
    api.open();
    expect(post).not.toHaveBeenCalled();

    fromPanel({ type: 'panel:ready' });
    expect(post).toHaveBeenCalledWith(
      wrapBridgeMessage({ type: 'visitor:identify', identity: { name: 'Ada' } }),
      PARLEY_ORIGIN,
    );
    expect(post).toHaveBeenCalledWith(wrapBridgeMessage({ type: 'panel:open' }), PARLEY_ORIGIN);
    for (const [, target] of post.mock.calls) expect(target).toBe(PARLEY_ORIGIN);
  });

  it('tells the panel the page it is on when ready, and each page a single-page app moves to', () => {
    // The Navigation API's event, as Chromium fires it for pushState, replaceState, back/forward and hashes.
    const navigation = new EventTarget();
    win.navigation = navigation;
    try {
      boot();
      jest.runOnlyPendingTimers();
      const post = jest.spyOn(panelWindow, 'postMessage').mockImplementation(() => undefined);
      post.mockClear();
      const pagesPosted = () =>
        post.mock.calls
          .map(([data]) => (data as { msg: LoaderToPanelMessage }).msg)
          .filter((msg) => msg.type === 'page:changed');
      history.pushState({}, '', '/teas');
      fromPanel({ type: 'panel:ready' });
      expect(pagesPosted()).toEqual([{ type: 'page:changed', url: `${location.origin}/teas`, title: 'Shop' }]);

      history.pushState({}, '', '/cart#summary');
      navigation.dispatchEvent(new Event('currententrychange'));
      // The app sets its title after the address; the loader reads both a moment later.
      document.title = 'Your cart';
      jest.advanceTimersByTime(300);
      expect(pagesPosted().at(-1)).toEqual({ type: 'page:changed', url: `${location.origin}/cart#summary`, title: 'Your cart' });
      for (const [, target] of post.mock.calls) expect(target).toBe(PARLEY_ORIGIN);
    } finally {
      delete win.navigation;
      history.replaceState({}, '', '/');
    }
  });

  it("passes a signed identity to the panel as the page gave it, signature included", () => {
    const api = boot();
    jest.runOnlyPendingTimers();
    const post = jest.spyOn(panelWindow, 'postMessage').mockImplementation(() => undefined);
    fromPanel({ type: 'panel:ready' });
    const identity = { name: 'Ada', email: 'ada@example.com', userId: 'user-42', timestamp: 1_790_000_000, signature: 'ab'.repeat(32) };
    api.identify(identity);
    expect(post).toHaveBeenCalledWith(wrapBridgeMessage({ type: 'visitor:identify', identity }), PARLEY_ORIGIN);
  });

  it('without the Navigation API, follows back/forward and hash changes (popstate)', () => {
    boot();
    jest.runOnlyPendingTimers();
    fromPanel({ type: 'panel:ready' });
    const post = jest.spyOn(panelWindow, 'postMessage').mockImplementation(() => undefined);
    post.mockClear();
    try {
      history.pushState({}, '', '/faq#shipping');
      window.dispatchEvent(new PopStateEvent('popstate'));
      jest.advanceTimersByTime(300);
      expect(post).toHaveBeenCalledWith(
        wrapBridgeMessage({ type: 'page:changed', url: `${location.origin}/faq#shipping`, title: 'Shop' }),
        PARLEY_ORIGIN,
      );
    } finally {
      history.replaceState({}, '', '/');
    }
  });

  it('closes when the panel asks to', () => {
    const api = boot();
    api.open();
    fromPanel({ type: 'panel:close-request' });
    expect(frame()!.hidden).toBe(true);
  });

  it('flashes the title while closed when an agent writes, and restores it on open', () => {
    const api = boot();
    jest.runOnlyPendingTimers();
    const onMessage = jest.fn();
    api.on('message', onMessage);
    fromPanel({ type: 'unread:changed', count: 1, label: 'Open chat', title: 'Chat with us' });
    fromPanel({ type: 'message:received', text: 'Hello!', authorName: 'Anna' });

    jest.advanceTimersByTime(1000);
    expect(document.title).toBe('(1) Shop');
    jest.advanceTimersByTime(1000);
    expect(document.title).toBe('Shop');
    jest.advanceTimersByTime(1000);
    expect(onMessage).toHaveBeenCalledWith({ text: 'Hello!', authorName: 'Anna' });

    api.open();
    expect(document.title).toBe('Shop');
    jest.advanceTimersByTime(5000);
    expect(document.title).toBe('Shop');
  });

  it("lets a single-page app retitle itself while the title flashes, and tells agents the app's title", () => {
    const api = boot();
    jest.runOnlyPendingTimers();
    const post = jest.spyOn(panelWindow, 'postMessage').mockImplementation(() => undefined);
    fromPanel({ type: 'panel:ready' });
    fromPanel({ type: 'unread:changed', count: 1, label: 'Open chat', title: 'Chat with us' });
    fromPanel({ type: 'message:received', text: 'Hello!', authorName: 'Anna' });
    jest.advanceTimersByTime(1000);
    expect(document.title).toBe('(1) Shop');
    // The app moves on and sets its own title: the flashing keeps it, adding and removing only the count.
    document.title = 'Pricing';
    jest.advanceTimersByTime(1000);
    expect(document.title).toBe('(1) Pricing');
    jest.advanceTimersByTime(1000);
    expect(document.title).toBe('Pricing');
    jest.advanceTimersByTime(1000);
    window.dispatchEvent(new PopStateEvent('popstate'));
    jest.advanceTimersByTime(300);
    expect(post).toHaveBeenLastCalledWith(wrapBridgeMessage({ type: 'page:changed', url: document.URL, title: 'Pricing' }), PARLEY_ORIGIN);
    api.open();
    expect(document.title).toBe('Pricing');
  });

  it('draws the bubble when the snippet runs in <head> before there is a body, outside the body a transform would hold it to', () => {
    document.head.append(document.querySelector('script[data-site]')!);
    document.body.remove();
    try {
      boot();
      expect(document.querySelector('parley-widget')?.parentElement).toBe(document.documentElement);
      expect(bubble()).toHaveAccessibleName('Open chat');
    } finally {
      document.documentElement.append(document.createElement('body'));
      document.head.querySelector('script[data-site]')?.remove();
    }
  });

  it("sends the panel a plain copy of an identity the page keeps in a framework's Proxy (Vue, MobX), which messages cannot carry", () => {
    const api = boot();
    jest.runOnlyPendingTimers();
    const post = jest.spyOn(panelWindow, 'postMessage').mockImplementation(() => undefined);
    fromPanel({ type: 'panel:ready' });
    api.identify(new Proxy({ name: 'Ada', email: 'ada@example.com' }, {}));
    const sent = (post.mock.calls.at(-1)?.[0] as { msg: { identity: object } }).msg.identity;
    expect(sent).toEqual({ name: 'Ada', email: 'ada@example.com' });
    expect(types.isProxy(sent)).toBe(false);
  });

  it('reads options from data attributes, and window.ParleySettings wins', () => {
    installSnippet('data-position="left" data-locale="de" data-hide-launcher');
    win.ParleySettings = { locale: 'uk' };
    boot();
    jest.runOnlyPendingTimers();
    expect(launcherCss()).toMatch(/left: ?20px/);
    expect(bubble().hidden).toBe(true);
    expect(new URL(frame()!.src).searchParams.get('locale')).toBe('uk');
  });

  it('never puts a visitor token in the panel URL', () => {
    localStorage.setItem('parley:token', 'x'.repeat(40));
    boot();
    jest.runOnlyPendingTimers();
    expect(frame()!.src).not.toMatch(/token/i);
  });

  it('boots once even if the snippet is pasted twice', () => {
    expect(bootParley(win)).toBeDefined();
    expect(bootParley(win)).toBeUndefined();
    expect(document.querySelectorAll('parley-widget')).toHaveLength(1);
  });

  it('names the bubble in the panel’s language, with how many messages are unread', () => {
    boot();
    jest.runOnlyPendingTimers();
    // Until the panel has started, the loader's own English name.
    expect(bubble()).toHaveAccessibleName('Open chat');
    fromPanel({ type: 'unread:changed', count: 0, label: 'Abrir el chat', title: 'Chatea con nosotros' });
    expect(bubble()).toHaveAccessibleName('Abrir el chat');
    fromPanel({ type: 'unread:changed', count: 2, label: 'Abrir el chat (2 sin leer)', title: 'Chatea con nosotros' });
    expect(bubble()).toHaveAccessibleName('Abrir el chat (2 sin leer)');
  });

  it('gives the focus back to the bubble when the panel that had it closes', () => {
    const api = boot();
    api.open();
    // As browsers do: hiding the frame that holds the focus moves it to the body.
    const hidden = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'hidden')!;
    jest.spyOn(frame()!, 'hidden', 'set').mockImplementation(function (this: HTMLElement, value: boolean) {
      if (value && (this.getRootNode() as ShadowRoot).activeElement === this) this.blur();
      hidden.set!.call(this, value);
    });
    frame()!.focus();
    expect(document.activeElement).toBe(document.querySelector('parley-widget'));
    fromPanel({ type: 'panel:close-request' });
    expect(frame()!.hidden).toBe(true);
    expect(shadow().activeElement).toBe(bubble());
  });

  it('takes "bottom-left", as the site settings spell it, for the left corner', () => {
    installSnippet('data-position="bottom-left"');
    boot();
    expect(launcherCss()).toMatch(/left: ?20px/);
    expect(launcherCss()).not.toMatch(/right: ?20px/);
    clearPage();
    installSnippet('data-position="bottom-right"');
    boot();
    expect(launcherCss()).toMatch(/right: ?20px/);
    expect(launcherCss()).not.toMatch(/left: ?20px/);
  });

  it("takes the site's colour and side from the panel where the snippet names neither", () => {
    boot();
    jest.runOnlyPendingTimers();
    expect(bubble().style.backgroundColor).toBe('');
    expect(launcherCss()).toMatch(/right: ?20px/);
    fromPanel({ type: 'panel:ready', color: '#0f766e', position: 'bottom-left' });
    expect(bubble().style.backgroundColor).toBe('rgb(15, 118, 110)');
    expect(launcherCss()).toMatch(/left: ?20px/);
    expect(launcherCss()).not.toMatch(/right: ?20px/);
    // Only from our own panel's window.
    fromPanel({ type: 'panel:ready', color: '#ff0000', position: 'bottom-right' }, { source: window });
    expect(bubble().style.backgroundColor).toBe('rgb(15, 118, 110)');
  });

  it("keeps the snippet's own colour and side over the site's, and ignores a colour that is none", () => {
    installSnippet('data-color="#aa0000" data-position="left"');
    boot();
    jest.runOnlyPendingTimers();
    fromPanel({ type: 'panel:ready', color: '#0f766e', position: 'bottom-right' });
    expect(bubble().style.backgroundColor).toBe('rgb(170, 0, 0)');
    expect(launcherCss()).toMatch(/left: ?20px/);
    clearPage();
    installSnippet('data-color="url(https://evil.test/x.png)"');
    boot();
    expect(bubble().style.backgroundColor).toBe('');
  });

  it('draws the icon in the colour the panel says reads on the bubble: black on a light one', () => {
    installSnippet('data-color="#ffeb3b"');
    boot();
    jest.runOnlyPendingTimers();
    // White until the panel has said, as before.
    expect(bubble().style.color).toBe('');
    expect(launcherCss()).toMatch(/\.b\s*\{[^}]*color:\s*#fff/);
    expect(launcherCss()).toMatch(/\.b::?before\s*\{[^}]*background:\s*currentcolor/i);
    fromPanel({ type: 'panel:ready', ink: '#000000' });
    expect(bubble().style.color).toBe('rgb(0, 0, 0)');
    // The badge keeps its white figures on red.
    expect(launcherCss()).toMatch(/\.u\s*\{[^}]*color:\s*#fff/);
  });

  it('names the bubble and the frame as the panel says, and tells the page of new counts only', () => {
    const api = boot();
    jest.runOnlyPendingTimers();
    const counts: number[] = [];
    api.on('unread', (count) => counts.push(count));
    fromPanel({ type: 'unread:changed', count: 0, label: 'Abrir el chat', title: 'Chatea con nosotros' });
    expect(bubble()).toHaveAttribute('aria-label', 'Abrir el chat');
    expect(frame()).toHaveAttribute('title', 'Chatea con nosotros');
    api.open();
    fromPanel({ type: 'unread:changed', count: 0, label: 'Cerrar el chat', title: 'Chatea con nosotros' });
    expect(bubble()).toHaveAttribute('aria-label', 'Cerrar el chat');
    expect(bubble()).toHaveAttribute('aria-expanded', 'true');
    api.close();
    fromPanel({ type: 'unread:changed', count: 2, label: 'Abrir el chat (2 sin leer)', title: 'Chatea con nosotros' });
    jest.runOnlyPendingTimers();
    expect(counts).toEqual([0, 2]);
  });

  it("draws the launcher left to right whatever the page's direction, on either side", () => {
    installSnippet('data-position="left"');
    boot();
    // Physical sides and an !important direction: a page's `* { direction: rtl !important }` changes nothing.
    expect(hostDirection()).toBe('ltr !important');
    expect(launcherCss()).not.toMatch(/inset-inline/);
  });
});
