import { wrapBridgeMessage, type PanelToLoaderMessage } from '../../../shared/src/bridge';
import type { ParleyWindow } from '../loader/loader';
import { init } from './index';

const SERVER = 'https://chat.example.test';
const SITE_KEY = 'site_key_npm';
const win = window as ParleyWindow;

function shadow(): ShadowRoot {
  const host = document.querySelector('parley-widget');
  if (!host?.shadowRoot) throw new Error('no widget host with an open shadow root');
  return host.shadowRoot;
}
const bubble = () => shadow().querySelector<HTMLButtonElement>('button.b')!;
const frame = () => shadow().querySelector<HTMLIFrameElement>('iframe.f');
/** The page dropping the widget's element (it sits beside the body, not in it). */
const removeWidget = () => document.querySelectorAll('parley-widget').forEach((host) => host.remove());

// jsdom gives no browsing context to iframes inside shadow trees; a light-DOM iframe's window stands in.
let panelWindow: Window;
beforeAll(() => {
  const standIn = document.createElement('iframe');
  document.head.append(standIn);
  panelWindow = standIn.contentWindow!;
  jest.spyOn(HTMLIFrameElement.prototype, 'contentWindow', 'get').mockImplementation(function (this: HTMLIFrameElement) {
    return this.isConnected ? panelWindow : null;
  });
});

function fromPanel(msg: PanelToLoaderMessage, origin = SERVER): void {
  window.dispatchEvent(new MessageEvent('message', { data: wrapBridgeMessage(msg), origin, source: panelWindow }));
}

beforeEach(() => {
  jest.useFakeTimers();
  delete win.Parley;
});
afterEach(() => {
  jest.useRealTimers();
  // The page dropping the widget's element: the next init() mounts afresh.
  document.body.innerHTML = '';
  removeWidget();
});

describe('init() from @parley/widget', () => {
  it('draws the bubble without any snippet, and loads the panel from the server origin only', () => {
    init({ serverUrl: `${SERVER}/some/path?x=1`, siteKey: SITE_KEY, locale: 'de' });
    expect(document.querySelector('script')).toBeNull();
    expect(bubble()).toHaveAccessibleName('Open chat');

    jest.runOnlyPendingTimers();
    const src = new URL(frame()!.src);
    expect(src.origin + src.pathname).toBe(`${SERVER}/panel/`);
    expect(src.searchParams.get('site')).toBe(SITE_KEY);
    expect(src.searchParams.get('locale')).toBe('de');
  });

  it('opens, closes and toggles the panel, and tells the handlers given to on()', () => {
    const parley = init({ serverUrl: SERVER, siteKey: SITE_KEY });
    const opened = jest.fn();
    const closed = jest.fn();
    parley.on('open', opened);
    parley.on('close', closed);

    parley.open();
    expect(frame()!.hidden).toBe(false);
    parley.toggle();
    expect(frame()!.hidden).toBe(true);
    parley.off('open', opened);
    parley.open();
    jest.runOnlyPendingTimers();
    expect(opened).toHaveBeenCalledTimes(1);
    expect(closed).toHaveBeenCalledTimes(1);
  });

  it('passes agent messages and the unread count from the panel to on() handlers', () => {
    const parley = init({ serverUrl: SERVER, siteKey: SITE_KEY });
    jest.runOnlyPendingTimers();
    const messages = jest.fn();
    const unread = jest.fn();
    parley.on('message', messages);
    parley.on('unread', unread);

    fromPanel({ type: 'message:received', text: 'Hello from support', authorName: 'Grace' });
    fromPanel({ type: 'unread:changed', count: 1, label: 'Open chat', title: 'Chat with us' });
    // Another origin is not our panel.
    fromPanel({ type: 'message:received', text: 'forged', authorName: null }, 'https://evil.test');
    jest.runOnlyPendingTimers();
    expect(messages).toHaveBeenCalledTimes(1);
    expect(messages).toHaveBeenCalledWith({ text: 'Hello from support', authorName: 'Grace' });
    expect(unread).toHaveBeenCalledWith(1);
  });

  it('sends identify() and setLocale() to the panel, at the server origin only', () => {
    const parley = init({ serverUrl: SERVER, siteKey: SITE_KEY });
    jest.runOnlyPendingTimers();
    const post = jest.spyOn(panelWindow, 'postMessage').mockImplementation(() => undefined);
    parley.identify({ name: 'Ada', email: 'ada@example.com' });
    fromPanel({ type: 'panel:ready' });
    parley.setLocale('fr');

    expect(post).toHaveBeenCalledWith(
      wrapBridgeMessage({ type: 'visitor:identify', identity: { name: 'Ada', email: 'ada@example.com' } }),
      SERVER,
    );
    expect(post).toHaveBeenCalledWith(wrapBridgeMessage({ type: 'locale:set', locale: 'fr' }), SERVER);
    for (const [, target] of post.mock.calls) expect(target).toBe(SERVER);
    post.mockRestore();
  });

  it('takes the snippet options: hideLauncher hides the bubble', () => {
    const parley = init({ serverUrl: SERVER, siteKey: SITE_KEY, hideLauncher: true });
    expect(bubble().hidden).toBe(true);
    parley.open();
    expect(frame()!.hidden).toBe(false);
  });

  it('returns the same instance when called again for the same site, and mounts one widget', () => {
    const first = init({ serverUrl: SERVER, siteKey: SITE_KEY });
    const second = init({ serverUrl: `${SERVER}/`, siteKey: SITE_KEY, color: 'red' });
    expect(second).toBe(first);
    expect(document.querySelectorAll('parley-widget')).toHaveLength(1);
  });

  it('refuses a second site or server on the same page, saying why', () => {
    init({ serverUrl: SERVER, siteKey: SITE_KEY });
    expect(() => init({ serverUrl: SERVER, siteKey: 'another_site' })).toThrow(/already initialised for site "site_key_npm"/);
    expect(() => init({ serverUrl: 'https://other.example.test', siteKey: SITE_KEY })).toThrow(/already initialised/);
    expect(document.querySelectorAll('parley-widget')).toHaveLength(1);
  });

  it('mounts afresh once the page removed the widget', () => {
    const first = init({ serverUrl: SERVER, siteKey: SITE_KEY });
    removeWidget();
    const second = init({ serverUrl: SERVER, siteKey: SITE_KEY });
    expect(second).not.toBe(first);
    expect(document.querySelectorAll('parley-widget')).toHaveLength(1);
  });

  it('refuses to mount a second widget over one the snippet put on the page', () => {
    document.body.append(document.createElement('parley-widget'));
    expect(() => init({ serverUrl: SERVER, siteKey: SITE_KEY })).toThrow(/already on this page/);
  });

  it('refuses a server URL that is not absolute http(s), and a missing site key', () => {
    expect(() => init({ serverUrl: 'chat.example.test', siteKey: SITE_KEY })).toThrow(/not an absolute URL/);
    expect(() => init({ serverUrl: 'javascript:alert(1)', siteKey: SITE_KEY })).toThrow(/http\(s\) URL/);
    expect(() => init({ serverUrl: SERVER, siteKey: '' })).toThrow(/siteKey is required/);
    expect(document.querySelector('parley-widget')).toBeNull();
  });

  it('leaves window.Parley alone: a bundled site holds its API in a variable', () => {
    init({ serverUrl: SERVER, siteKey: SITE_KEY });
    expect(win.Parley).toBeUndefined();
  });
});
