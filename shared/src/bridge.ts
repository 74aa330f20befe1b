/**
 * The page <-> panel bridge: messages between the loader on the host page and the panel in the
 * Parley iframe. Versioned, sent to an explicit origin, checked on receipt (origin and source).
 */
export const BRIDGE_VERSION = 1;
export const BRIDGE_TAG = 'parley';

/**
 * What a host page passes to `identify()` (the loader, and the npm package's `init()`, share it).
 * Name and e-mail alone are the visitor's word. With `userId`, `timestamp` and `signature`
 * (HMAC-SHA256 of `${userId}:${timestamp}` under the site's identity secret, computed by the
 * site's server) the identity is verified, and no unsigned identify can change it.
 */
export interface HostIdentity {
  name?: string;
  email?: string;
  /** The site's own id for the signed-in user. */
  userId?: string;
  /** Unix time in seconds when the site's server signed it. */
  timestamp?: number;
  /** Lowercase hex HMAC-SHA256; see the widget README. */
  signature?: string;
}

/** Loader -> panel. */
export type LoaderToPanelMessage =
  | { type: 'panel:open' }
  | { type: 'panel:close' }
  | { type: 'visitor:identify'; identity: HostIdentity }
  | { type: 'locale:set'; locale: string }
  /** The host page moved to another address without a reload (a single-page app), or the panel just started. */
  | { type: 'page:changed'; url: string; title: string };

/** Panel -> loader. */
export type PanelToLoaderMessage =
  /**
   * The panel listens. `color` and `position`: the site's settings for the bubble (when the panel could
   * read them), which apply where the snippet set nothing. `ink`: the colour that reads on the bubble's
   * colour (black or white), for its icon.
   */
  | { type: 'panel:ready'; color?: string; position?: string; ink?: string }
  | { type: 'panel:close-request' }
  /**
   * The bubble's count and names, sent at start and on each change of count, of language and of the
   * panel being open. `label`: the bubble's accessible name in the visitor's language, with the count
   * when there is one, or "Close chat" while the panel is open; `title`: the frame's title, in that language.
   */
  | { type: 'unread:changed'; count: number; label: string; title: string }
  | { type: 'message:received'; text: string; authorName: string | null };

export interface BridgeEnvelope<T> {
  tag: typeof BRIDGE_TAG;
  v: typeof BRIDGE_VERSION;
  msg: T;
}

export function wrapBridgeMessage<T>(msg: T): BridgeEnvelope<T> {
  return { tag: BRIDGE_TAG, v: BRIDGE_VERSION, msg };
}

/** Narrow an untrusted `event.data` to an envelope of our version; the caller checks origin/source. */
export function unwrapBridgeMessage<T extends { type: string }>(data: unknown): T | null {
  // Optional chaining reads nothing from null or undefined, and a primitive has no such properties:
  // every other shape fails one of these checks.
  const envelope = data as Partial<BridgeEnvelope<T>> | null | undefined;
  return envelope?.tag === BRIDGE_TAG && envelope.v === BRIDGE_VERSION && typeof envelope.msg?.type == 'string' ? envelope.msg : null;
}
