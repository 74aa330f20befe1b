/** The composition root of the panel: reads its URL, builds storage, i18n, outbox, session and bridge, and renders. */
import type { LoaderToPanelMessage } from '../../../shared/src/bridge';
import type { WidgetAppearance } from '@parley/shared';
import { render } from 'preact';
import { createChatStore } from './chat-store';
import { outgoingMessage, startChatSession } from './chat-session';
import { PanelApp } from './components/PanelApp';
import { connectHostBridge } from './host-bridge';
import { partStrings } from './components/lazy-part';
import { createWidgetI18n, loadPartStrings, pickLocale } from './i18n';
import { TranslationProvider } from './i18n-context';
import type { NotificationSound } from './notification-sound';
import { createOutbox } from './outbox';
import { pageOf, readPanelParams } from './panel-params';
import { openSafeStorage, storageKeys } from './safe-storage';
import { applyAppearance, fetchSiteConfig } from './site-config';
import { createSocketTransport } from './socket-transport';
import { createTypingNotifier } from './typing-notifier';
import { rememberVisitorEmail } from './visitor-email';
import { createVisitorTokenStore } from './visitor-token';

export async function startPanel(win: Window, mount: HTMLElement): Promise<void> {
  const doc = win.document;
  const params = readPanelParams(win.location);
  const page = params.pageContext;
  const storage = openSafeStorage(() => win.localStorage);
  const tokens = createVisitorTokenStore(storage, params.siteKey);
  const outboxKey = storageKeys.outbox(params.siteKey);
  const soundKey = storageKeys.sound(params.siteKey);
  // The page's language (data-locale) first, then the one the server chose among the site's
  // languages for this browser, then (no config) the browser's own.
  const siteConfig = fetchSiteConfig(params.siteKey);
  // The text and line colours that keep a light accent readable: a small chunk, fetched beside the
  // config and the strings, so it is there before the panel shows.
  const accentModule = import('./accent-colors').catch(() => null);
  const i18n = await createWidgetI18n(pickLocale([params.locale, (await siteConfig)?.locale, ...win.navigator.languages]));
  partStrings.load = () => loadPartStrings(i18n);
  const accentColors = await accentModule;
  // The looks, and the colours derived from the accent (the bubble's icon takes one of them).
  const appear = (look?: WidgetAppearance) => {
    applyAppearance(doc.documentElement, look, params.color);
    return accentColors?.applyAccentColors(doc.documentElement);
  };
  let accent = appear();

  const transport = createSocketTransport(() => ({
    siteKey: params.siteKey,
    visitorToken: tokens.read(),
    locale: i18n.language,
  }));
  const store = createChatStore({ sound: storage.getItem(soundKey) !== 'off' });
  rememberVisitorEmail(store, storage, params.siteKey);
  const outbox = createOutbox({
    storage,
    storageKey: outboxKey,
    send: (item) => transport.sendMessage(outgoingMessage(item, store.getState())),
    canSend: transport.isConnected,
    onDelivered: (message) => store.receiveMessages([message], { live: false }),
    onChange: (items) => store.setPending(items),
    onHold: (until) => store.update({ sendingHeldUntil: until }),
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
        // Someone may have come online (or gone) since the last look.
        session.refreshAvailability();
        return;
      case 'panel:close':
        store.setOpen(false);
        return;
      case 'visitor:identify':
        void session.identify(msg.identity);
        return;
      case 'locale:set':
        void i18n.changeLanguage(pickLocale([msg.locale]));
        return;
      case 'page:changed':
        // The session resends this same object on every connection; over an open one it goes now.
        if (page) transport.sendContext(Object.assign(page, pageOf(msg.url, msg.title)));
        return;
      default:
        msg satisfies never;
    }
  };
  // The chime's code (and audio context) arrives with the visitor's first press in the panel:
  // browsers allow sound only after one, so nothing plays before it anyway.
  let sound: NotificationSound | undefined;
  const loadSound = (): void =>
    void import('./notification-sound').then((module) => (sound ??= module.createNotificationSound(win)), () => undefined);
  win.addEventListener('pointerdown', loadSound, { once: true });
  win.addEventListener('keydown', loadSound, { once: true });
  const bridge = connectHostBridge({ win, hostOrigin: params.hostOrigin, onMessage: (msg) => onHostMessage(msg) });
  const session = startChatSession({
    transport,
    store,
    outbox,
    saveVisitorToken: tokens.save,
    pageContext: page,
    onAgentMessage: (message) => {
      const { open, sound: soundOn } = store.getState();
      if (soundOn && (!open || doc.hidden)) sound?.play();
      bridge.send({
        type: 'message:received',
        text: message.text,
        authorName: message.author.kind === 'agent' ? message.author.name : null,
      });
    },
  });

  // Read receipts only matter once the visitor has looked: their code comes with the first opening.
  let readReporter: Promise<unknown> | undefined;
  store.subscribe((state) => {
    readReporter ??= state.open
      ? import('./read-reporter').then(
          (module) => module.startReadReporter({ store, doc, isConnected: transport.isConnected, markRead: transport.markRead }),
          () => (readReporter = undefined),
        )
      : undefined;
  });

  // The bubble and the frame are the loader's, on the host page, which has only English words: their
  // names come from here, in the visitor's language, whenever one of them would change (the count, the
  // language, the site's title, the panel opening or closing).
  let launcherNames = '';
  const nameLauncher = (): void => {
    const { unread, open } = store.getState();
    const label = i18n.t(open ? 'close' : unread > 0 ? 'launcher.label_unread' : 'launcher.label', { count: unread });
    if (launcherNames === (launcherNames = unread + label + doc.title)) return;
    bridge.send({ type: 'unread:changed', count: unread, label, title: doc.title });
  };
  store.subscribe(nameLauncher);
  const syncDocument = (): void => {
    doc.documentElement.lang = i18n.language;
    doc.documentElement.dir = i18n.dir();
    doc.title = store.getState().site?.widget.title || i18n.t('title');
    nameLauncher();
  };
  i18n.on('languageChanged', syncDocument);
  syncDocument();

  void siteConfig.then((site) => {
    if (!site) return;
    const { agentsOnline, openNow } = site;
    // A `site:status` answer that came first is newer than the config.
    store.update({ site, availability: store.getState().availability ?? { agentsOnline, openNow } });
    accent = appear(site.widget);
    syncDocument();
  });

  const typing = createTypingNotifier(session.setTyping);
  render(
    <TranslationProvider i18n={i18n}>
      <PanelApp
        store={store}
        actions={{
          send: session.send,
          retry: session.retry,
          discard: session.discard,
          setTyping: (active) => (active ? typing.input() : typing.stop()),
          identify: session.identify,
          ask: session.ask,
          fileAccess: () => ({ token: tokens.read(), siteKey: params.siteKey }),
          setSound: (on) => {
            store.update({ sound: on });
            storage.setItem(soundKey, on ? 'on' : 'off');
          },
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
  // The bubble is the loader's, on the host page: it takes the site's colour and side from here, and
  // its icon's colour (the text colour on the accent). (The config was awaited above, for the
  // language: this waits for nothing.)
  const site = await siteConfig;
  bridge.send({
    type: 'panel:ready',
    ...(site && { color: site.widget.color, position: site.widget.position }),
    ink: accent?.ink,
  });
}
