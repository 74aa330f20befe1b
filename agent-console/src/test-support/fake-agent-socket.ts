/**
 * A stand-in for the /agent Socket.IO socket: tests play the server, emitting server events
 * and answering (or ignoring) the console's requests. It goes through the real
 * createAgentConnection, so the ack wrapper is exercised too.
 */
import type {
  AckResult,
  AgentClientToServerEvents,
  AgentServerToClientEvents,
  ParleyError,
} from '@parley/shared';
import { createAgentConnection, type AgentConnection, type AgentSocket } from '../realtime/agent-connection';
import type { AgentRequestName, RequestOf, ResultOf } from '../realtime/agent-events';

type Listener = (...args: unknown[]) => void;
/** Returning undefined leaves the request unanswered, like a lost packet. */
type RequestHandler<E extends AgentRequestName> = (
  payload: RequestOf<E>,
) => AckResult<ResultOf<E>> | undefined;

export interface RecordedEmit {
  event: keyof AgentClientToServerEvents;
  payload: unknown;
}

export class FakeAgentSocket {
  connected = false;
  /** Like socket.io: false once the server refused the handshake, until connect() is called. */
  active = true;
  connectCalls = 0;
  readonly emitted: RecordedEmit[] = [];
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly handlers = new Map<string, (payload: unknown) => unknown>();

  on(event: string, listener: Listener): this {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener);
    this.listeners.set(event, set);
    return this;
  }

  off(event: string, listener: Listener): this {
    this.listeners.get(event)?.delete(listener);
    return this;
  }

  emit(event: keyof AgentClientToServerEvents, payload: unknown, ack?: (result: unknown) => void): this {
    this.emitted.push({ event, payload });
    const answer = this.handlers.get(event)?.(payload);
    // Answer asynchronously, like a network, with a promise (jest fake timers leave those alone).
    if (ack && answer !== undefined) void Promise.resolve().then(() => ack(answer));
    return this;
  }

  disconnect(): this {
    this.active = false;
    this.setConnected(false);
    return this;
  }

  connect(): this {
    this.active = true;
    this.connectCalls += 1;
    return this;
  }

  /** Plays the server's side of one request event. */
  handle<E extends AgentRequestName>(event: E, handler: RequestHandler<E>): void {
    this.handlers.set(event, (payload) => handler(payload as RequestOf<E>));
  }

  /** The server sends an event to the console. */
  serverEmit<E extends keyof AgentServerToClientEvents>(
    event: E,
    ...args: Parameters<AgentServerToClientEvents[E]>
  ) {
    this.listeners.get(event)?.forEach((listener) => listener(...args));
  }

  /** The server ends the connection itself (socket.io does not reconnect by itself then). */
  serverDisconnect(): void {
    this.connected = false;
    this.active = false;
    this.fire('disconnect', 'io server disconnect');
  }

  setConnected(connected: boolean, refusal?: ParleyError): void {
    this.connected = connected;
    if (refusal) {
      this.active = false;
      return this.fire('connect_error', Object.assign(new Error(refusal.message), { data: refusal }));
    }
    this.fire(connected ? 'connect' : 'disconnect', connected ? undefined : 'transport close');
  }

  emitsOf(event: keyof AgentClientToServerEvents): unknown[] {
    return this.emitted.filter((emit) => emit.event === event).map((emit) => emit.payload);
  }

  private fire(event: string, arg: unknown) {
    this.listeners.get(event)?.forEach((listener) => listener(arg));
  }

  connection(): AgentConnection {
    // The fake implements only the handful of Socket members the connection uses.
    return createAgentConnection(this as unknown as AgentSocket);
  }
}
