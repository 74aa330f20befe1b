/**
 * Socket.IO side of the metrics: error codes in acknowledgements, and the time from a
 * `message:send` arriving to its broadcast. The send is tagged with an async context when it
 * arrives, so the broadcaster can time it without the domain carrying timestamps around.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { performance } from 'node:perf_hooks';
import type { Broadcaster } from '../domain/broadcaster.port';
import type { ServerMetrics, SocketNamespaceLabel } from './metrics.port';

interface SendInFlight {
  namespace: SocketNamespaceLabel;
  receivedAt: number;
  broadcast: boolean;
}

/** Socket.IO's per-socket middleware: the packet is `[event, ...args]`, an ack callback last. */
export type SocketPacketMiddleware = (packet: unknown[], next: (error?: Error) => void) => void;

export interface SocketInstrumentation {
  /** Install with `socket.use(...)` on every socket of the namespace. */
  packetMiddleware(namespace: SocketNamespaceLabel): SocketPacketMiddleware;
  /** The same broadcaster, timing the first `messageCreated` of each instrumented send. */
  timeBroadcasts(broadcaster: Broadcaster): Broadcaster;
}

function errorCodeOf(ackResult: unknown): string | null {
  if (typeof ackResult !== 'object' || ackResult === null || !('ok' in ackResult) || ackResult.ok !== false)
    return null;
  const error = 'error' in ackResult ? ackResult.error : null;
  if (typeof error !== 'object' || error === null || !('code' in error)) return null;
  return typeof error.code === 'string' ? error.code : null;
}

export function createSocketInstrumentation(metrics: ServerMetrics): SocketInstrumentation {
  const sends = new AsyncLocalStorage<SendInFlight>();

  return {
    packetMiddleware(namespace) {
      return (packet, next) => {
        const last = packet.length > 1 ? packet[packet.length - 1] : undefined;
        if (typeof last === 'function') {
          packet[packet.length - 1] = (result: unknown) => {
            const code = errorCodeOf(result);
            if (code) metrics.countError('socket', code);
            last(result);
          };
        }
        // Socket.IO runs the handler from inside `next`, so the handler's async work inherits this context.
        if (packet[0] === 'message:send')
          sends.run({ namespace, receivedAt: performance.now(), broadcast: false }, next);
        else next();
      };
    },
    timeBroadcasts(broadcaster) {
      return {
        ...broadcaster,
        messageCreated(conversation, message) {
          broadcaster.messageCreated(conversation, message);
          const send = sends.getStore();
          if (!send || send.broadcast) return;
          send.broadcast = true;
          metrics.observeDelivery(send.namespace, (performance.now() - send.receivedAt) / 1000);
        },
      };
    },
  };
}
