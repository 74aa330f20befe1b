/**
 * `@parley/widget` for sites that bundle their own JavaScript: `init()` mounts the same loader the
 * snippet runs (bubble in a shadow root, the panel in an iframe from the Parley origin) and returns
 * the `window.Parley` methods, typed. Importing this module touches no browser global, so it is
 * safe to import while rendering on a server; only `init()` needs a page.
 */
import { HOST_TAG } from '../loader/launcher-view';
import { mountParley } from '../loader/loader';
import type { ParleySettings } from '../loader/loader-config';
import type { ParleyMethods } from '../loader/parley-api';

export type {
  ParleyEventHandler,
  ParleyEventName,
  ParleyEventPayloads,
  ParleyMethods,
  VisitorIdentity,
} from '../loader/parley-api';
export type { ParleySettings } from '../loader/loader-config';

/** The snippet's options plus the two its script tag gives implicitly: where Parley runs and which site. */
export interface ParleyInitOptions extends ParleySettings {
  /** The Parley server, e.g. `https://chat.example.com`; the panel loads from its origin. */
  serverUrl: string;
  /** The site key (the snippet's `data-site`). */
  siteKey: string;
}

/** What `init()` returns: the methods of `window.Parley`. */
export type Parley = ParleyMethods;

interface MountedWidget {
  /** The widget's element: while it is on the page, so is this instance. */
  host: Element;
  origin: string;
  siteKey: string;
  api: Parley;
}

let mounted: MountedWidget | undefined;

function serverOrigin(serverUrl: string): string {
  let url: URL;
  try {
    url = new URL(serverUrl);
  } catch {
    throw new Error(`Parley: serverUrl "${serverUrl}" is not an absolute URL (e.g. https://chat.example.com)`);
  }
  if (url.protocol != 'https:' && url.protocol != 'http:') {
    throw new Error(`Parley: serverUrl must be an http(s) URL, not "${serverUrl}"`);
  }
  return url.origin;
}

/**
 * Shows the bubble and returns the API. Calling it again with the same server and site key returns
 * the same instance (later options are ignored); with another server or site key it throws, as one
 * page holds one widget. If the page removed the widget's element, the next call mounts it afresh.
 */
export function init(options: ParleyInitOptions): Parley {
  if (typeof window == 'undefined' || typeof document == 'undefined') {
    throw new Error('Parley: init() needs a browser page; call it on the client (e.g. in an effect), not while rendering on a server');
  }
  const { serverUrl, siteKey, ...settings } = options;
  const origin = serverOrigin(serverUrl);
  if (!siteKey) throw new Error('Parley: siteKey is required (the data-site value of your snippet)');
  if (mounted?.host.isConnected) {
    if (mounted.origin == origin && mounted.siteKey == siteKey) return mounted.api;
    throw new Error(`Parley: already initialised for site "${mounted.siteKey}" at ${mounted.origin}; one page holds one widget`);
  }
  if (document.querySelector(HOST_TAG)) {
    throw new Error('Parley: the widget is already on this page (from the <script> snippet?); use window.Parley or remove the snippet');
  }
  if (!document.body) throw new Error('Parley: init() needs document.body; call it once the page has loaded');
  const api = mountParley(window, { ...settings, site: siteKey, origin });
  mounted = { host: document.querySelector(HOST_TAG) as Element, origin, siteKey, api };
  return api;
}
