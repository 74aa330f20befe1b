/**
 * Socket.IO side of the metrics: error codes in acknowledgements, and the time from a
 * `message:send` arriving to its broadcast. An arriving send is noted under its sender and
 * clientId, which the broadcast message carries too, so the domain carries no timestamps around.
 * (An AsyncLocalStorage context did this before; its promise hooks cost every promise of the
 * server, about 5% of a busy relay's time.)
 */
import { performance } from 'node:perf_hooks';
import type { Broadcaster } from '../domain/broadcaster.port';
import type { ServerMetrics, SocketNamespaceLabel } from './metrics.port';

interface SendInFlight {
  namespace: SocketNamespaceLabel;
  receivedAt: number;
}

/** Socket.IO's per-socket middleware: the packet is `[event, ...args]`, an ack callback last. */
export type SocketPacketMiddleware = (packet: unknown[], next: (error?: Error) => void) => void;

export interface SocketInstrumentation {
  /**
   * Install with `socket.use(...)` on every socket of the namespace; `senderId` names the
   * socket's visitor or agent, the author id its messages will carry.
   */
  packetMiddleware(namespace: SocketNamespaceLabel, senderId: () => string | undefined): SocketPacketMiddleware;
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

const clientIdOf = (payload: unknown): string | null =>
  typeof payload === 'object' && payload !== null && 'clientId' in payload && typeof payload.clientId === 'string'
    ? payload.clientId
    : null;

export function createSocketInstrumentation(metrics: ServerMetrics): SocketInstrumentation {
  // Sends between arrival and acknowledgement, by `${senderId}|${clientId}`: the ack removes its entry.
  const inFlight = new Map<string, SendInFlight>();

  return {
    packetMiddleware(namespace, senderId) {
      return (packet, next) => {
        const last = packet.length > 1 ? packet[packet.length - 1] : undefined;
        if (typeof last !== 'function') return next();
        const clientId = packet[0] === 'message:send' ? clientIdOf(packet[1]) : null;
        const sender = clientId === null ? undefined : senderId();
        const key = sender === undefined ? null : `${sender}|${clientId}`;
        if (key !== null && !inFlight.has(key)) inFlight.set(key, { namespace, receivedAt: performance.now() });
        packet[packet.length - 1] = (result: unknown) => {
          if (key !== null) inFlight.delete(key);
          const code = errorCodeOf(result);
          if (code) metrics.countError('socket', code);
          last(result);
        };
        next();
      };
    },
    timeBroadcasts(broadcaster) {
      return {
        ...broadcaster,
        messageCreated(conversation, message, origin) {
          broadcaster.messageCreated(conversation, message, origin);
          const author = message.author.kind === 'system' ? undefined : message.author.id;
          if (author === undefined) return;
          const key = `${author}|${message.clientId}`;
          const send = inFlight.get(key);
          if (!send) return;
          // Timed once: a resend racing its first attempt is not timed again.
          inFlight.delete(key);
          metrics.observeDelivery(send.namespace, (performance.now() - send.receivedAt) / 1000);
        },
      };
    },
  };
}
