/** The panel's end of the page <-> panel bridge: it talks only to its parent, at the origin it was given. */
import {
  unwrapBridgeMessage,
  wrapBridgeMessage,
  type LoaderToPanelMessage,
  type PanelToLoaderMessage,
} from '../../../shared/src/bridge';

export interface HostBridge {
  /** False when the panel is opened on its own (no parent, or no host origin to trust). */
  framed: boolean;
  send(msg: PanelToLoaderMessage): void;
  dispose(): void;
}

export interface HostBridgeOptions {
  win: Window;
  hostOrigin: string | undefined;
  onMessage: (msg: LoaderToPanelMessage) => void;
}

export function connectHostBridge({ win, hostOrigin, onMessage }: HostBridgeOptions): HostBridge {
  const parent = win.parent;
  const framed = parent !== win && hostOrigin !== undefined;
  const listener = (event: MessageEvent): void => {
    if (!framed || event.source !== parent || event.origin !== hostOrigin) return;
    const msg = unwrapBridgeMessage<LoaderToPanelMessage>(event.data);
    if (msg) onMessage(msg);
  };
  win.addEventListener('message', listener);
  return {
    framed,
    send(msg) {
      if (framed) parent.postMessage(wrapBridgeMessage(msg), hostOrigin);
    },
    dispose: () => win.removeEventListener('message', listener),
  };
}
