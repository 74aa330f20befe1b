import { wrapBridgeMessage, type LoaderToPanelMessage } from '../../../shared/src/bridge';
import { connectHostBridge } from './host-bridge';
import { readPanelParams } from './panel-params';

const HOST = 'https://shop.example';

/** The panel runs in a child window whose parent is the test's window (the "host page"). */
function panelWindow(): Window {
  const frame = document.createElement('iframe');
  document.body.append(frame);
  return frame.contentWindow!;
}

function fromHost(win: Window, msg: LoaderToPanelMessage, init: { origin?: string; source?: Window } = {}): void {
  win.dispatchEvent(
    new MessageEvent('message', { data: wrapBridgeMessage(msg), origin: init.origin ?? HOST, source: init.source ?? win.parent }),
  );
}

describe('host bridge', () => {
  it('accepts messages only from its parent at the host origin', () => {
    const win = panelWindow();
    const received: LoaderToPanelMessage[] = [];
    connectHostBridge({ win, hostOrigin: HOST, onMessage: (msg) => received.push(msg) });

    fromHost(win, { type: 'panel:open' }, { origin: 'https://evil.example' });
    fromHost(win, { type: 'panel:open' }, { source: win });
    win.dispatchEvent(new MessageEvent('message', { data: { type: 'panel:open' }, origin: HOST, source: win.parent }));
    expect(received).toEqual([]);

    fromHost(win, { type: 'locale:set', locale: 'de' });
    expect(received).toEqual([{ type: 'locale:set', locale: 'de' }]);
  });

  it('posts to the parent with the explicit host origin, never "*"', () => {
    const win = panelWindow();
    const post = jest.spyOn(win.parent, 'postMessage').mockImplementation(() => undefined);
    const bridge = connectHostBridge({ win, hostOrigin: HOST, onMessage: () => undefined });
    bridge.send({ type: 'unread:changed', count: 2, label: 'Open chat', title: 'Chat with us' });
    expect(post).toHaveBeenCalledWith(wrapBridgeMessage({ type: 'unread:changed', count: 2, label: 'Open chat', title: 'Chat with us' }), HOST);
    post.mockRestore();
  });

  it('is inert when the panel is not framed or has no host origin', () => {
    const bridge = connectHostBridge({ win: window, hostOrigin: HOST, onMessage: () => undefined });
    expect(bridge.framed).toBe(false);
    expect(connectHostBridge({ win: panelWindow(), hostOrigin: undefined, onMessage: () => undefined }).framed).toBe(false);
  });
});

describe('readPanelParams', () => {
  const hash = (params: Record<string, string>): string => `#${new URLSearchParams(params)}`;

  it('reads the options from the query and the host page from the fragment', () => {
    const params = readPanelParams({
      search: '?site=site_key_123&locale=uk&color=%23ff0000',
      hash: hash({ page: 'https://shop.example/tea?id=1', title: 'Green tea', referrer: 'https://search.example/' }),
    });
    expect(params).toEqual({
      siteKey: 'site_key_123',
      locale: 'uk',
      color: '#ff0000',
      hostOrigin: 'https://shop.example',
      pageContext: { pageUrl: 'https://shop.example/tea?id=1', pageTitle: 'Green tea', referrer: 'https://search.example/' },
    });
  });

  it('has no host origin to trust without an http(s) page', () => {
    expect(readPanelParams({ search: '?site=s', hash: '' }).hostOrigin).toBeUndefined();
    expect(readPanelParams({ search: '?site=s', hash: hash({ page: 'file:///tmp/x.html' }) }).hostOrigin).toBeUndefined();
    expect(readPanelParams({ search: '?site=s', hash: hash({ page: 'not a url' }) }).pageContext).toBeUndefined();
  });

  it('treats empty options as unset and drops a referrer the server would refuse', () => {
    const params = readPanelParams({
      search: '?site=s&locale=&color=',
      hash: hash({ page: 'https://shop.example/', title: '', referrer: 'android-app://com.example' }),
    });
    expect(params.locale).toBeUndefined();
    expect(params.color).toBeUndefined();
    expect(params.pageContext?.referrer).toBe('');
  });
});
