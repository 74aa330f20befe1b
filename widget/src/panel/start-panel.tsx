/** The composition root of the panel: reads its URL, builds storage, i18n, outbox, session and bridge, and renders. */
import type { LoaderToPanelMessage } from '../../../shared/src/bridge';
import { render } from 'preact';
import { createChatStore } from './chat-store';
import { startChatSession } from './chat-session';
import { PanelApp } from './components/PanelApp';
import { connectHostBridge } from './host-bridge';
import { createWidgetI18n, pickLocale } from './i18n';
import { TranslationProvider } from './i18n-context';
import { createOutbox } from './outbox';
import { readPanelParams } from './panel-params';
import { openSafeStorage, storageKeys } from './safe-storage';
import { createSocketTransport } from './socket-transport';
import { createTypingNotifier } from './typing-notifier';
import { createVisitorTokenStore } from './visitor-token';

function applyAccentColor(doc: Document, color: string | undefined): void {
  // CSSOM, allowed by the panel's CSP; a value the browser does not take as a colour is ignored.
  if (color && CSS.supports('color', color)) doc.documentElement.style.setProperty('--accent', color);
}

export async function startPanel(win: Window, mount: HTMLElement): Promise<void> {
  const doc = win.document;
  const params = readPanelParams(win.location);
  const storage = openSafeStorage(() => win.localStorage);
  const tokens = createVisitorTokenStore(storage, params.siteKey);
  const outboxKey = storageKeys.outbox(params.siteKey);
  const i18n = await createWidgetI18n(pickLocale([params.locale, ...win.navigator.languages]));
  applyAccentColor(doc, params.color);

  const transport = createSocketTransport(() => ({
    siteKey: params.siteKey,
    visitorToken: tokens.read(),
    locale: i18n.language,
  }));
  const store = createChatStore();
  const outbox = createOutbox({
    storage,
    storageKey: outboxKey,
    send: (item) => transport.sendMessage({ clientId: item.clientId, text: item.text }),
    canSend: transport.isConnected,
    onDelivered: (message) => store.receiveMessages([message], { live: false }),
    onChange: (items) => store.setPending(items),
  });
  store.setPending(outbox.items());
  // Other tabs of this visitor share the outbox: show what they are still sending.
  win.addEventListener('storage', (event) => {
    if (event.key === outboxKey) outbox.refresh();
  });

  const onHostMessage = (msg: LoaderToPanelMessage): void => {
    switch (msg.type) {
      case 'panel:open':
        store.setOpen(true);
        session.connect();
        return;
      case 'panel:close':
        store.setOpen(false);
        return;
      case 'visitor:identify':
        session.identify(msg.identity);
        return;
      case 'locale:set':
        void i18n.changeLanguage(pickLocale([msg.locale]));
        return;
      default:
        msg satisfies never;
    }
  };
  const bridge = connectHostBridge({ win, hostOrigin: params.hostOrigin, onMessage: (msg) => onHostMessage(msg) });
  const session = startChatSession({
    transport,
    store,
    outbox,
    saveVisitorToken: tokens.save,
    pageContext: params.pageContext,
    onAgentMessage: (message) =>
      bridge.send({
        type: 'message:received',
        text: message.text,
        authorName: message.author.kind === 'agent' ? message.author.name : null,
      }),
  });

  let unread = 0;
  store.subscribe((state) => {
    if (state.unread === unread) return;
    unread = state.unread;
    bridge.send({ type: 'unread:changed', count: unread });
  });
  const syncDocument = (): void => {
    doc.documentElement.lang = i18n.language;
    doc.documentElement.dir = i18n.dir();
    doc.title = i18n.t('title');
  };
  i18n.on('languageChanged', syncDocument);
  syncDocument();

  const typing = createTypingNotifier(session.setTyping);
  render(
    <TranslationProvider i18n={i18n}>
      <PanelApp
        store={store}
        actions={{
          send: session.send,
          retry: session.retry,
          setTyping: (active) => (active ? typing.input() : typing.stop()),
          identify: session.identify,
          skipIntroduction: () => store.setIntroduced(null),
        }}
        onClose={bridge.framed ? () => bridge.send({ type: 'panel:close-request' }) : undefined}
      />
    </TranslationProvider>,
    mount,
  );

  // A returning visitor (or one with unsent messages) connects now to get agent replies while closed;
  // a first-time visitor only when they open the chat, so idle page views create no visitors.
  if (!bridge.framed) store.setOpen(true);
  if (!bridge.framed || tokens.read() || outbox.items().length > 0) session.connect();
  bridge.send({ type: 'panel:ready' });
}
