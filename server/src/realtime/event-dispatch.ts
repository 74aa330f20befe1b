/**
 * One listener per socket for every client event of a namespace, instead of a closure per event per
 * socket. A visitor socket used to register ~20 handlers, each a closure with an ack wrapper of its
 * own, and its listener map grew into a dictionary object: several KB of heap per socket, which every
 * full garbage collection marks again (5,000 visitors held ~120 MB of live heap where a bare
 * Socket.IO relay holds ~65 MB). Here the handlers are built once per namespace and take the socket first.
 */
export type SocketEventHandler<S> = (socket: S, args: unknown[]) => unknown;

/** Every client event of a namespace and its handler: an event missing here is a compile error. */
export type SocketEventTable<S, E extends string> = { readonly [K in E]: SocketEventHandler<S> };

interface ListensToAny {
  onAny(listener: (event: string, ...args: unknown[]) => void): unknown;
  listenersAny(): unknown[];
}

/** The events each socket's dispatcher answers, by its listener: what the access registry test compares. */
const eventsOfListener = new WeakMap<object, readonly string[]>();

/** Returns what hands a socket's events to the table; an event not in it is ignored, as Socket.IO ignores one without a listener. */
export function createEventDispatch<S extends ListensToAny, E extends string>(table: SocketEventTable<S, E>): (socket: S) => void {
  // A Map, not the object: an event named like an inherited property ('constructor') must find nothing.
  const handlers = new Map<string, SocketEventHandler<S>>(Object.entries<SocketEventHandler<S>>(table));
  const events = [...handlers.keys()];
  return (socket) => {
    const listener = (event: string, ...args: unknown[]) => {
      handlers.get(event)?.(socket, args);
    };
    eventsOfListener.set(listener, events);
    socket.onAny(listener);
  };
}

/** The client events a socket's dispatcher answers (none for a socket without one). */
export function eventsHandledBy(socket: ListensToAny): string[] {
  return socket.listenersAny().flatMap((listener) => (typeof listener === 'function' ? (eventsOfListener.get(listener) ?? []) : []));
}
