/** Boots the widget on a host page: bubble first, the panel iframe on idle, the bridge, and `window.Parley`. */
import {
  unwrapBridgeMessage,
  wrapBridgeMessage,
  type LoaderToPanelMessage,
  type PanelToLoaderMessage,
} from '../../../shared/src/bridge';
import { findLoaderScript, panelUrl, readLoaderConfig, type LoaderConfig, type ParleySettings } from './loader-config';
import { HOST_TAG, createLauncherView, element, styleLauncher } from './launcher-view';
import {
  createEventHub,
  createParleyGlobal,
  type ParleyGlobal,
  type ParleyMethods,
  type ParleyStub,
  type VisitorIdentity,
} from './parley-api';

export interface ParleyWindow extends Window {
  Parley?: ParleyStub | ParleyGlobal;
  ParleySettings?: ParleySettings;
  /** The Navigation API, where the browser has it (Chromium, Safari 26.2, Firefox 147). */
  navigation?: EventTarget;
}

/** Returns the installed API, or undefined when there is no snippet or the widget is already on the page. */
export function bootParley(win: ParleyWindow): ParleyGlobal | undefined {
  const doc = win.document;
  const script = findLoaderScript(doc);
  if (!script || doc.querySelector(HOST_TAG)) return undefined;
  const methods = mountParley(win, readLoaderConfig(script, win.ParleySettings));
  return (win.Parley = createParleyGlobal(methods, win.Parley as ParleyStub | undefined));
}

/** Draws the bubble and wires the panel for one config: the snippet's boot and the npm package's init() both run this. */
export function mountParley(win: Window, config: LoaderConfig): ParleyMethods {
  const doc = win.document;
  const origin = config.origin;
  const view = createLauncherView(doc, config);
  const [host, root, bubble, badge] = view;
  styleLauncher(doc, view, config);
  const events = createEventHub();

  let frame: HTMLIFrameElement | undefined;
  let locale = config.locale;
  let identity: VisitorIdentity | undefined;
  let panelReady = false;
  let isOpen = false;
  // -1 until the panel first says: its first count, 0 included, is an `unread` event.
  let unread = -1;
  // 0: not flashing (browsers never give 0 as a timer id).
  let flashTimer: ReturnType<typeof setInterval> | 0 = 0;
  // The page's own title: while flashing, without the count the flashing puts before it ("(2) ").
  // Only that count is added and taken away, never a remembered title: a single-page app retitles
  // itself as it moves, and its new title must stand (and reach the agents).
  const pageTitle = (): string => (flashTimer ? doc.title.replace(/^\(\d+\) /, '') : doc.title);

  // Always to the explicit Parley origin; before `panel:ready` nothing listens, so state is resent then.
  const postToPanel = (msg: LoaderToPanelMessage): void => {
    if (panelReady) frame?.contentWindow?.postMessage(wrapBridgeMessage(msg), origin);
  };
  const postOpenState = (): void => postToPanel({ type: isOpen ? 'panel:open' : 'panel:close' });
  // The page the visitor is on, for agents; while flashing, the title is the page's own.
  const postPage = (): void => postToPanel({ type: 'page:changed', url: doc.URL, title: pageTitle() });

  const ensureFrame = (): HTMLIFrameElement => {
    if (!frame) {
      const src = panelUrl(config, locale, doc);
      frame = element(doc.createElement('iframe'), { class: 'f', title: 'Parley chat', src });
      frame.hidden = true;
      root.append(frame);
    }
    return frame;
  };

  // A copy, not the page's object: a framework's reactive Proxy (Vue, MobX) cannot be cloned into a
  // message, and the failed post also broke the panel's start.
  const identify = (next: VisitorIdentity): void =>
    postToPanel({ type: 'visitor:identify', identity: (identity = { ...next }) });
  const setLocale = (next: string): void => postToPanel({ type: 'locale:set', locale: (locale = next) });

  const setOpen = (next: boolean): void => {
    if (next == isOpen) return;
    // Read before hiding the frame: hiding it moves the focus to the page's body.
    const focusInPanel = doc.activeElement == host;
    isOpen = next;
    ensureFrame().hidden = !next;
    bubble.setAttribute('aria-expanded', '' + next);
    postOpenState();
    if (next) {
      doc.title = pageTitle();
      clearInterval(flashTimer);
      flashTimer = 0;
      frame?.focus();
    } else if (focusInPanel) {
      // Focus was inside the panel, which is now hidden: hand it back to the bubble.
      bubble.focus();
    }
    events.emit(next ? 'open' : 'close');
  };

  const handlePanelMessage = (msg: PanelToLoaderMessage): void => {
    switch (msg.type) {
      case 'panel:ready':
        panelReady = true;
        // What the snippet (or ParleySettings) says wins, even empty; the site's settings fill in what
        // it leaves out, so a change in the console reaches pages whose snippet names neither.
        styleLauncher(doc, view, { ...msg, ...config });
        // The frame may have been created with an older locale; re-applying the same one is a no-op.
        if (locale) setLocale(locale);
        if (identity) identify(identity);
        postOpenState();
        // The frame's URL named the page when it was created; the visitor may have moved on since.
        postPage();
        return;
      case 'panel:close-request':
        return setOpen(false);
      case 'unread:changed':
        badge.hidden = msg.count < 1;
        badge.textContent = '' + msg.count;
        // The badge is drawn; screen readers hear the count in the bubble's name, in the panel's language
        // (or that it closes the chat, while open), and the frame's title in that language too.
        bubble.setAttribute('aria-label', msg.label);
        ensureFrame().title = msg.title;
        // The panel renames the bubble on opening and closing too; pages hear of new counts only.
        if (unread != msg.count) events.emit('unread', (unread = msg.count));
        return;
      case 'message:received': {
        const { type: _type, ...message } = msg;
        events.emit('message', message);
        if (isOpen || flashTimer) return;
        flashTimer = setInterval(() => {
          const own = pageTitle();
          doc.title = own == doc.title ? `(${unread}) ${own}` : own;
        }, 1000);
        return;
      }
      default:
        msg satisfies never;
    }
  };

  win.addEventListener('message', (event) => {
    // Only our own panel may talk to us: the Parley origin and the very window of our iframe.
    // (A null source must not match a frame whose window is not there yet.)
    if (event.origin != origin || !event.source || event.source != frame?.contentWindow) return;
    const msg = unwrapBridgeMessage<PanelToLoaderMessage>(event.data);
    if (msg) handlePanelMessage(msg);
  });

  // Single-page apps change pages without a reload: pushState, replaceState, back/forward and hash
  // changes all make a new current entry. Apps set their title after that, so it is read a moment later.
  // (TypeScript's DOM types do not have the Navigation API yet.) Browsers without it still fire
  // popstate on back/forward and hash changes; a pushState alone is not seen there.
  const navigation = (win as Window & { navigation?: EventTarget }).navigation;
  (navigation ?? win).addEventListener(navigation ? 'currententrychange' : 'popstate', () => setTimeout(postPage, 300));

  const toggle = (): void => setOpen(!isOpen);
  bubble.onclick = toggle;
  // Warm the panel on intent or when the page is idle; never before the bubble has painted.
  bubble.onmouseenter = bubble.onfocus = ensureFrame;
  // Called without a receiver, as timers may be: Window's operations take the global object then.
  (win.requestIdleCallback || setTimeout)(ensureFrame);

  return {
    open: () => setOpen(true),
    close: () => setOpen(false),
    toggle,
    identify,
    setLocale,
    on: events.on,
    off: events.off,
  };
}
