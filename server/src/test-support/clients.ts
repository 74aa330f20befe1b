/**
 * Real socket.io-client connections to a Parley server, typed by the shared event maps: the server's
 * integration tests use them on a test server, and e2e (through `@parley/server/test-support/clients`)
 * on a running process.
 */
import {
  AGENT_NAMESPACE,
  VISITOR_NAMESPACE,
  type AckResult,
  type AgentClientToServerEvents,
  type AgentServerToClientEvents,
  type LoginResponse,
  type VisitorClientToServerEvents,
  type VisitorServerToClientEvents,
  type VisitorSession,
} from '@parley/shared';
import { io, type Socket } from 'socket.io-client';

export type VisitorClient = Socket<VisitorServerToClientEvents, VisitorClientToServerEvents>;
export type AgentClient = Socket<AgentServerToClientEvents, AgentClientToServerEvents>;

export interface ConnectOptions {
  /**
   * socket.io's automatic reconnection. Off by default, so a test sees a dropped connection as
   * dropped; on where a test follows a client across a restart or a failover, as a browser would.
   */
  reconnection?: boolean;
}

export async function connectVisitor(
  url: string,
  auth: { siteKey: string; visitorToken?: string; locale?: string },
  { reconnection = false }: ConnectOptions = {},
): Promise<{ socket: VisitorClient; session: VisitorSession }> {
  const socket: VisitorClient = io(`${url}${VISITOR_NAMESPACE}`, {
    auth, transports: ['websocket'], reconnection, forceNew: true,
  });
  const session = await new Promise<VisitorSession>((resolve, reject) => {
    socket.once('session:ready', resolve);
    socket.once('connect_error', reject);
  });
  return { socket, session };
}

export async function login(url: string, email: string, password: string): Promise<LoginResponse> {
  const response = await fetch(`${url}/api/agent/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw new Error(`login failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as LoginResponse;
}

export async function connectAgent(url: string, token: string, { reconnection = false }: ConnectOptions = {}): Promise<AgentClient> {
  const socket: AgentClient = io(`${url}${AGENT_NAMESPACE}`, {
    auth: { token }, transports: ['websocket'], reconnection, forceNew: true,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('session:ready', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

/** Resolves with the next occurrence of an event. */
export function nextEvent<T>(socket: Socket, event: string, timeoutMs = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
    socket.once(event, (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });
}

/** Unwraps an ok ack or throws with the error code, so tests read naturally. */
export function unwrap<T>(result: AckResult<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
}

/** An `eventMatching` that waits at most `timeoutMs` (e2e waits longer, for real processes). */
export function eventMatchingWithin(timeoutMs: number) {
  /** Resolves with the first occurrence of an event whose payload satisfies the predicate. */
  return function eventMatching<T>(socket: Socket, event: string, predicate: (payload: T) => boolean): Promise<T> {
    return new Promise((resolve, reject) => {
      const listener = (payload: T) => {
        if (!predicate(payload)) return;
        clearTimeout(timer);
        socket.off(event, listener);
        resolve(payload);
      };
      const timer = setTimeout(() => {
        socket.off(event, listener);
        reject(new Error(`no matching ${event} within ${timeoutMs} ms`));
      }, timeoutMs);
      socket.on(event, listener);
    });
  };
}

export const eventMatching = eventMatchingWithin(5000);

/** A JSON request to `${url}/api${path}` with a bearer token, as the console makes. */
export const apiRequest = (url: string, path: string, init: { method?: string; body?: unknown; token: string }) =>
  fetch(`${url}/api${path}`, {
    method: init.method ?? 'GET',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${init.token}` },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
