/** The VisitorTransport over socket.io-client, connecting to the visitor namespace of the panel's own origin. */
import type { ParleyError, VisitorClientToServerEvents, VisitorHandshake, VisitorServerToClientEvents } from '@parley/shared';
import { io, type Socket } from 'socket.io-client';
import type { VisitorTransport } from './visitor-transport';

// Same constant as VISITOR_NAMESPACE in @parley/shared; imported as a value it would pull zod in.
export const VISITOR_NAMESPACE_PATH = '/visitor';
const ACK_TIMEOUT_MS = 10_000;

type VisitorSocket = Socket<VisitorServerToClientEvents, VisitorClientToServerEvents>;

function parleyErrorOf(error: Error): ParleyError | null {
  const data = (error as Error & { data?: unknown }).data;
  if (typeof data === 'object' && data !== null && typeof (data as ParleyError).code === 'string') {
    return data as ParleyError;
  }
  return null;
}

/** `handshake` is read on every (re)connection attempt, so a token issued meanwhile is presented. */
export function createSocketTransport(handshake: () => VisitorHandshake): VisitorTransport {
  const socket: VisitorSocket = io(VISITOR_NAMESPACE_PATH, {
    autoConnect: false,
    auth: (send) => send(handshake()),
    // WebSocket only: no sticky sessions needed, and the long-polling code stays out of the bundle
    // (see websocketOnlyRegistry in scripts/build-plugins.ts).
    transports: ['websocket'],
  });

  // VisitorTransport types each call site from the event map; socket.io's overloads want literal names.
  const ask = (event: string, payload: unknown): Promise<never> =>
    (socket.timeout(ACK_TIMEOUT_MS).emitWithAck as (name: string, data: unknown) => Promise<never>)(event, payload);

  return {
    isConnected: () => socket.connected,
    connect: () => {
      if (!socket.connected && !socket.active) socket.connect();
    },
    fetchHistory: (request) => ask('conversation:history', request),
    sendMessage: (message) => ask('message:send', message),
    identify: (identity) => ask('visitor:identify', identity),
    request: ask,
    setTyping: (typing) => {
      socket.volatile.emit('typing:set', { typing });
    },
    markRead: (seq) => {
      socket.emit('message:read', { seq });
    },
    sendContext: (context) => {
      socket.volatile.emit('visitor:context', context);
    },
    onServerEvent: (event, listener) => {
      // socket.io's overloads do not accept a generic event name; the map still types `listener`.
      (socket.on as (name: string, handler: unknown) => void)(event, listener);
    },
    onConnect: (listener) => {
      socket.on('connect', listener);
    },
    onDisconnect: (listener) => {
      socket.on('disconnect', listener);
    },
    onConnectError: (listener) => {
      socket.on('connect_error', (error) => listener(parleyErrorOf(error), socket.active));
    },
  };
}
