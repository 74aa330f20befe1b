/**
 * A namespace's client-event handlers, built once and shared by all its sockets, instead of a closure
 * per event per socket. A visitor socket used to hold ~20 handler closures, each with an ack wrapper
 * and a context of its own: with 10,000 idle visitors, 200 MB of heap where this takes 177 (and every
 * full garbage collection marks what is live). Each socket still registers one listener per event, so
 * Socket.IO runs its middlewares (the metrics' `socket.use`) first, as for any listener; the
 * listener is the same function for every socket, which Node's EventEmitter calls with `this` set to
 * the socket that emitted.
 */
export type SocketEventHandler<S> = (socket: S, args: unknown[]) => unknown;

/** Every client event of a namespace and its handler: an event missing here is a compile error. */
export type SocketEventTable<S, E extends string> = { readonly [K in E]: SocketEventHandler<S> };

type Listener = (...args: unknown[]) => void;

/** What registers the table's listeners on a socket. */
export function createEventDispatch<S extends object, E extends string>(table: SocketEventTable<S, E>): (socket: S) => void {
  const listeners = Object.entries<SocketEventHandler<S>>(table).map(([event, handler]): [string, Listener] => [
    event,
    function listener(this: S, ...args: unknown[]) {
      handler(this, args);
    },
  ]);
  return (socket) => {
    // The typed Socket's `on` takes each event's own listener type; these take the arguments as sent.
    const target = socket as unknown as { on(event: string, listener: Listener): unknown };
    for (const [event, listener] of listeners) target.on(event, listener);
  };
}
