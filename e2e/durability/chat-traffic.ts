/** Chat clients that behave like the real ones under failure: reconnect, resend unacked messages with the same id. */
import {
  AGENT_NAMESPACE,
  VISITOR_NAMESPACE,
  type AckResult,
  type ErrorCode,
  type LoginResponse,
  type VisitorSession,
} from '@parley/shared';
import { io } from 'socket.io-client';
import type { AgentClient, VisitorClient } from '../support/socket-clients';

/** How long the first attempt waits for its ack; each resend waits twice as long, up to the cap. */
const ACK_TIMEOUT_MS = 3000;
const MAX_ACK_TIMEOUT_MS = 15_000;
/** Refusals that mean "not now" rather than "never": the real clients retry those too. */
const RETRYABLE: ReadonlySet<ErrorCode> = new Set(['RATE_LIMITED', 'INTERNAL']);

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Emits until the server answers ok, resending the identical payload after a timeout (the
 * socket may be down; socket.io buffers the emit until it is back). Throws on a final refusal,
 * or once `stalled()` says the whole run has stopped making progress.
 */
export async function emitUntilAcked<T>(
  attempt: (timeoutMs: number) => Promise<AckResult<T>>,
  stalled: () => boolean,
): Promise<{ data: T; attempts: number }> {
  for (let attempts = 1; ; attempts += 1) {
    if (stalled()) throw new Error(`no progress anywhere; this send had no ack after ${attempts - 1} attempts`);
    let result: AckResult<T>;
    try {
      // Backing off: on a slow server, quick resends would only add to the queue they wait in.
      result = await attempt(Math.min(ACK_TIMEOUT_MS * 2 ** (attempts - 1), MAX_ACK_TIMEOUT_MS));
    } catch {
      continue; // timed out: the same payload goes again
    }
    if (result.ok) return { data: result.data, attempts };
    if (!RETRYABLE.has(result.error.code)) throw new Error(`${result.error.code}: ${result.error.message}`);
    // Wait as told ("Try again in 12 seconds"), not in a tight loop that would itself count against the limit.
    const seconds = Number(/in (\d+) seconds/.exec(result.error.message)?.[1] ?? 1);
    await pause(Math.min(seconds, 5) * 1000);
  }
}

export interface RetryingVisitor {
  socket: VisitorClient;
  session: VisitorSession;
  /** Times the socket came back after losing the server. */
  reconnects(): number;
}

/**
 * A visitor whose reconnects present the token of its first session (as the widget's stored
 * token does), so a restart resumes the same visitor. `forwardedFor` stands for the visitor's
 * own address behind a proxy on loopback, which the server trusts.
 */
export async function connectRetryingVisitor(
  url: string,
  options: { siteKey: string; forwardedFor: string },
): Promise<RetryingVisitor> {
  const socket: VisitorClient = io(`${url}${VISITOR_NAMESPACE}`, {
    auth: { siteKey: options.siteKey },
    transports: ['websocket'],
    forceNew: true,
    extraHeaders: { 'x-forwarded-for': options.forwardedFor },
    reconnectionDelay: 300,
    reconnectionDelayMax: 2000,
  });
  let reconnects = 0;
  socket.io.on('reconnect', () => (reconnects += 1));
  const session = await new Promise<VisitorSession>((resolve, reject) => {
    socket.once('session:ready', resolve);
    socket.once('connect_error', reject);
  });
  socket.auth = { siteKey: options.siteKey, visitorToken: session.visitorToken };
  return { socket, session, reconnects: () => reconnects };
}

export async function connectRetryingAgent(url: string, credentials: { email: string; password: string }): Promise<AgentClient> {
  const response = await fetch(`${url}/api/agent/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(credentials),
  });
  if (!response.ok) throw new Error(`login failed: ${response.status} ${await response.text()}`);
  const { token } = (await response.json()) as LoginResponse;
  const socket: AgentClient = io(`${url}${AGENT_NAMESPACE}`, {
    auth: { token }, transports: ['websocket'], forceNew: true, reconnectionDelay: 300, reconnectionDelayMax: 2000,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('session:ready', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

