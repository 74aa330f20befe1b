/**
 * The console's one socket to the /agent namespace, wrapped so the rest of the app sees
 * promises for acknowledgements, unsubscribe functions for events, and a plain status.
 */
import type { AgentClientToServerEvents, AgentServerToClientEvents, ParleyError } from '@parley/shared';
import type { Socket } from 'socket.io-client';
import { ApiError } from '../api/api-error';
import type { AgentRequestName, RequestOf, ResultOf } from './agent-events';

export type AgentSocket = Socket<AgentServerToClientEvents, AgentClientToServerEvents>;

export type ConnectionStatus = 'connecting' | 'online' | 'offline';

/** Thrown when no acknowledgement came in time (or the socket is down): the caller may retry. */
export class AckTimeoutError extends Error {
  constructor(event: string) {
    super(`No answer to ${event}`);
    this.name = 'AckTimeoutError';
  }
}

export interface AgentConnection {
  /** Sends a request event; resolves with the ack's data, throws ApiError or AckTimeoutError. */
  request<E extends AgentRequestName>(
    event: E,
    payload: RequestOf<E>,
    timeoutMs?: number,
  ): Promise<ResultOf<E>>;
  setTyping(conversationId: string, typing: boolean): void;
  /** Fire and forget; false when offline (socket.io would buffer it and send it late). */
  markRead(conversationId: string, seq: number): boolean;
  on<E extends keyof AgentServerToClientEvents>(event: E, listener: AgentServerToClientEvents[E]): () => void;
  /** Called with every status change; `error` is set when the server refused the handshake. */
  onStatus(listener: (status: ConnectionStatus, error?: ParleyError) => void): () => void;
  isOnline(): boolean;
  close(): void;
}

export const DEFAULT_ACK_TIMEOUT_MS = 8000;
/** After the server refused the handshake for a passing reason, ask again this much later. */
export const HANDSHAKE_RETRY_MS = 5000;
export const SERVER_DISCONNECT_RETRY_MS = 1000;

function handshakeErrorOf(error: unknown): ParleyError | undefined {
  // The server puts the shared error shape in `err.data`; socket.io-client passes it through.
  const data = typeof error === 'object' && error !== null ? (error as { data?: unknown }).data : undefined;
  if (typeof data !== 'object' || data === null) return undefined;
  const { code, message } = data as Record<string, unknown>;
  return typeof code === 'string' && typeof message === 'string' ? (data as ParleyError) : undefined;
}

export function createAgentConnection(socket: AgentSocket): AgentConnection {
  // socket.io reconnects by itself after a dropped connection, but not after its namespace
  // middleware said no (a store hiccup answers INTERNAL): that one we retry ourselves.
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  const connectLater = (delayMs: number) => {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => void socket.connect(), delayMs);
  };
  socket.on('connect_error', (error) => {
    if (socket.active || handshakeErrorOf(error)?.code === 'UNAUTHENTICATED') return;
    connectLater(HANDSHAKE_RETRY_MS);
  });
  // The server ends sessions itself (an agent deactivated, signed out elsewhere) and socket.io
  // then stays down. Knocking again gets a clear answer: UNAUTHENTICATED signs the console out.
  socket.on('disconnect', (reason) => {
    if (reason === 'io server disconnect') connectLater(SERVER_DISCONNECT_RETRY_MS);
  });

  function request<E extends AgentRequestName>(
    event: E,
    payload: RequestOf<E>,
    timeoutMs = DEFAULT_ACK_TIMEOUT_MS,
  ): Promise<ResultOf<E>> {
    return new Promise((resolve, reject) => {
      // A packet emitted while offline would sit in socket.io's buffer and be sent again
      // by our own retry: fail fast and let the caller wait for the connection instead.
      if (!socket.connected) return reject(new AckTimeoutError(event));
      const timer = setTimeout(() => reject(new AckTimeoutError(event)), timeoutMs);
      const ack = (result: { ok: true; data: ResultOf<E> } | { ok: false; error: ParleyError }) => {
        clearTimeout(timer);
        if (result.ok) resolve(result.data);
        else reject(new ApiError(result.error));
      };
      // The tuple is exactly the event's parameters; TS cannot see that through the generic.
      const args = [payload, ack] as unknown as Parameters<AgentClientToServerEvents[E]>;
      socket.emit(event, ...args);
    });
  }

  function on<E extends keyof AgentServerToClientEvents>(event: E, listener: AgentServerToClientEvents[E]) {
    // socket.io's listener type is a conditional over the same map, which TS cannot
    // resolve for a generic E; for any concrete E the two types are identical.
    const typed = listener as unknown as Parameters<typeof socket.on<E>>[1];
    socket.on(event, typed);
    return () => void socket.off(event, typed);
  }

  function onStatus(listener: (status: ConnectionStatus, error?: ParleyError) => void) {
    const online = () => listener('online');
    const offline = () => listener('offline');
    const refused = (error: Error) => listener('offline', handshakeErrorOf(error));
    socket.on('connect', online);
    socket.on('disconnect', offline);
    socket.on('connect_error', refused);
    return () => {
      socket.off('connect', online);
      socket.off('disconnect', offline);
      socket.off('connect_error', refused);
    };
  }

  return {
    request,
    on,
    onStatus,
    setTyping: (conversationId, typing) => void socket.emit('typing:set', { conversationId, typing }),
    markRead: (conversationId, seq) => {
      if (!socket.connected) return false;
      socket.emit('message:read', { conversationId, seq });
      return true;
    },
    isOnline: () => socket.connected,
    close: () => {
      clearTimeout(retryTimer);
      socket.disconnect();
    },
  };
}
