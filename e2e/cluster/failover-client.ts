/**
 * Clients behind a simulated load balancer: when the process a client talks to dies, the client
 * connects to the next live process and resends what was never acknowledged, as the widget's and
 * the console's outboxes do (same clientId, so the store keeps one copy).
 */
import {
  AGENT_NAMESPACE,
  VISITOR_NAMESPACE,
  type AckResult,
  type Message,
  type VisitorSession,
} from '@parley/shared';
import { io } from 'socket.io-client';
import { login, type AgentClient, type VisitorClient } from '../support/socket-clients';

const ACK_TIMEOUT_MS = 3000;
const CONNECT_TIMEOUT_MS = 3000;
const MAX_ATTEMPTS = 10;

type AnyClient = VisitorClient | AgentClient;

/**
 * Waits for the server's `session:ready` (reported through `subscribe`); a refused or dead URL
 * rejects, and `close` drops the socket so it stops retrying.
 */
function handshake(
  subscribe: (ready: () => void, refused: (error: Error) => void) => void,
  close: () => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (error: Error) => {
      clearTimeout(timer);
      close();
      reject(error);
    };
    const timer = setTimeout(() => fail(new Error('no session:ready in time')), CONNECT_TIMEOUT_MS);
    subscribe(() => {
      clearTimeout(timer);
      resolve();
    }, fail);
  });
}

/** One logical client over a succession of sockets, each to whichever process is alive. */
export class FailoverClient<S extends AnyClient> {
  private socket: S | null = null;
  private switching: Promise<S> | null = null;
  /** The URL of the process the client is connected to now. */
  url = '';

  constructor(
    private readonly urls: readonly string[],
    /** Opens a socket to `url` with the client's listeners, resolving once the server accepted it. */
    private readonly connect: (url: string) => Promise<S>,
  ) {}

  /** Connects to `urls[0]`, or the first one that answers. */
  async start(): Promise<this> {
    await this.current();
    return this;
  }

  /** The connected socket, failing over (in `urls` order) when the current process is gone. */
  current(): Promise<S> {
    if (this.socket?.connected) return Promise.resolve(this.socket);
    this.switching ??= this.connectToLiveProcess().finally(() => (this.switching = null));
    return this.switching;
  }

  private async connectToLiveProcess(): Promise<S> {
    this.socket?.disconnect();
    for (const url of this.urls) {
      try {
        this.socket = await this.connect(url);
        this.url = url;
        return this.socket;
      } catch {
        // that process is down: the balancer tries the next one
      }
    }
    throw new Error(`no live process among ${this.urls.join(', ')}`);
  }

  /** A request that must succeed: retried (same payload) on a live process until acknowledged. */
  async request<T>(emit: (socket: S, timeoutMs: number) => Promise<AckResult<T>>): Promise<T> {
    let lastError: unknown;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const socket = await this.current();
      try {
        const result = await emit(socket, ACK_TIMEOUT_MS);
        if (result.ok) return result.data;
        lastError = new Error(`${result.error.code}: ${result.error.message}`);
        if (result.error.code !== 'INTERNAL') throw lastError;
      } catch (error) {
        // No ack in time: the process may have died with the request in flight. Send it again.
        lastError = error;
        if (socket.connected && error instanceof Error && !/timed out|timeout/i.test(error.message))
          throw error;
      }
    }
    throw lastError;
  }

  close(): void {
    this.socket?.disconnect();
  }
}

/** Messages a logical client received, over all its sockets; waits are woken by arrivals, not timers. */
export class Inbox {
  readonly messages: Message[] = [];
  private readonly waiters = new Set<() => void>();

  push(message: Message): void {
    this.messages.push(message);
    for (const wake of [...this.waiters]) wake();
  }

  /** Resolves once `holds(messages)` is true; rejects naming `what` after `timeoutMs`. */
  until(holds: (messages: readonly Message[]) => boolean, what: string, timeoutMs = 10_000): Promise<void> {
    if (holds(this.messages)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const wake = () => {
        if (!holds(this.messages)) return;
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(wake);
        reject(new Error(`not within ${timeoutMs} ms: ${what}`));
      }, timeoutMs);
      this.waiters.add(wake);
    });
  }
}

export interface FailoverVisitor {
  client: FailoverClient<VisitorClient>;
  inbox: Inbox;
  session(): VisitorSession;
  send(clientId: string, text: string): Promise<Message>;
}

export async function connectFailoverVisitor(
  urls: readonly string[],
  siteKey: string,
): Promise<FailoverVisitor> {
  const inbox = new Inbox();
  let session: VisitorSession | null = null;
  const client = new FailoverClient<VisitorClient>(urls, async (url) => {
    const socket: VisitorClient = io(`${url}${VISITOR_NAMESPACE}`, {
      // The first connection makes a new visitor; later ones resume it, wherever they land.
      auth: session ? { siteKey, visitorToken: session.visitorToken } : { siteKey },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    socket.on('message:new', (message) => inbox.push(message));
    await handshake(
      (ready, refused) => {
        socket.once('session:ready', (accepted) => {
          session = accepted;
          ready();
        });
        socket.once('connect_error', refused);
      },
      () => socket.disconnect(),
    );
    return socket;
  });
  await client.start();
  return {
    client,
    inbox,
    session() {
      if (!session) throw new Error('no session yet');
      return session;
    },
    send: (clientId, text) =>
      client.request((socket, timeoutMs) =>
        socket.timeout(timeoutMs).emitWithAck('message:send', { clientId, text }),
      ),
  };
}

export interface FailoverAgent {
  client: FailoverClient<AgentClient>;
  inbox: Inbox;
  /** Times the server said broadcasts were lost while this agent stayed connected (`session:resync`). */
  resyncs: number[];
  send(conversationId: string, clientId: string, text: string): Promise<Message>;
}

export async function connectFailoverAgent(
  urls: readonly string[],
  credentials: { email: string; password: string },
): Promise<FailoverAgent> {
  const first = urls[0];
  if (!first) throw new Error('no process to sign in on');
  const { token } = await login(first, credentials.email, credentials.password);
  const inbox = new Inbox();
  const resyncs: number[] = [];
  const client = new FailoverClient<AgentClient>(urls, async (url) => {
    const socket: AgentClient = io(`${url}${AGENT_NAMESPACE}`, {
      auth: { token },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    socket.on('message:new', (message) => inbox.push(message));
    socket.on('session:resync', () => resyncs.push(Date.now()));
    await handshake(
      (ready, refused) => {
        socket.once('session:ready', () => ready());
        socket.once('connect_error', refused);
      },
      () => socket.disconnect(),
    );
    return socket;
  });
  await client.start();
  return {
    client,
    inbox,
    resyncs,
    send: (conversationId, clientId, text) =>
      client.request((socket, timeoutMs) =>
        socket.timeout(timeoutMs).emitWithAck('message:send', { conversationId, clientId, text }),
      ),
  };
}
