/** socket.io-client connections to a running Parley process, typed by the shared event maps. */
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

export async function siteKeyOf(url: string): Promise<string> {
  const html = await (await fetch(`${url}/demo`)).text();
  const key = html.match(/data-site="([^"]+)"/)?.[1];
  if (!key) throw new Error('no site key on the demo page');
  return key;
}

export async function connectVisitor(url: string, auth: { siteKey: string; visitorToken?: string }) {
  const socket: VisitorClient = io(`${url}${VISITOR_NAMESPACE}`, { auth, transports: ['websocket'], forceNew: true });
  const session = await new Promise<VisitorSession>((resolve, reject) => {
    socket.once('session:ready', resolve);
    socket.once('connect_error', reject);
  });
  return { socket, session };
}

export async function connectAgent(url: string, email: string, password: string): Promise<AgentClient> {
  const response = await fetch(`${url}/api/agent/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw new Error(`login failed: ${response.status}`);
  const { token } = (await response.json()) as LoginResponse;
  const socket: AgentClient = io(`${url}${AGENT_NAMESPACE}`, { auth: { token }, transports: ['websocket'], forceNew: true });
  await new Promise<void>((resolve, reject) => {
    socket.once('session:ready', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

export function eventMatching<T>(socket: Socket, event: string, predicate: (payload: T) => boolean): Promise<T> {
  return new Promise((resolve, reject) => {
    const listener = (payload: T) => {
      if (!predicate(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener);
      resolve(payload);
    };
    const timer = setTimeout(() => {
      socket.off(event, listener);
      reject(new Error(`no matching ${event} within 10 s`));
    }, 10_000);
    socket.on(event, listener);
  });
}

export function unwrap<T>(result: AckResult<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
}
