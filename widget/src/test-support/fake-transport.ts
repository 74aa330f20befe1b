/** A scriptable VisitorTransport: tests play the server, answer requests and push events. */
import type {
  AckResult,
  ConversationWithMessages,
  HistoryRequest,
  Message,
  ParleyError,
  VisitorContext,
  VisitorIdentifyRequest,
  VisitorMessageSend,
  VisitorServerToClientEvents,
} from '@parley/shared';
import type { RequestPayload, RequestResult, VisitorRequestEvent, VisitorTransport } from '../panel/visitor-transport';

type Answers = { [E in VisitorRequestEvent]?: (payload: RequestPayload<E>) => RequestResult<E> };

type AnyListener = (...args: never[]) => void;
type Handlers = Partial<Record<keyof VisitorServerToClientEvents, AnyListener[]>>;

export interface FakeTransport extends VisitorTransport {
  connected: boolean;
  connectCalls: number;
  historyRequests: HistoryRequest[];
  sent: VisitorMessageSend[];
  typing: boolean[];
  identities: VisitorIdentifyRequest[];
  contexts: VisitorContext[];
  /** Seqs reported through `message:read`. */
  reads: number[];
  requests: { event: VisitorRequestEvent; payload: unknown }[];
  /** How each request event is answered; one without an answer fails as an acknowledgement timeout does. */
  answers: Answers;
  /** How history and sends are answered; replace per test. */
  answerHistory: (request: HistoryRequest) => AckResult<ConversationWithMessages | null>;
  answerSend: (message: VisitorMessageSend) => Promise<AckResult<Message>>;
  serverConnects(): void;
  serverDisconnects(): void;
  serverRefuses(error: ParleyError | null, willRetry: boolean): void;
  push<E extends keyof VisitorServerToClientEvents>(event: E, ...args: Parameters<VisitorServerToClientEvents[E]>): void;
}

export function createFakeTransport(): FakeTransport {
  const handlers: Handlers = {};
  const connectListeners: (() => void)[] = [];
  const disconnectListeners: (() => void)[] = [];
  const errorListeners: ((error: ParleyError | null, willRetry: boolean) => void)[] = [];

  const fake: FakeTransport = {
    connected: false,
    connectCalls: 0,
    historyRequests: [],
    sent: [],
    typing: [],
    identities: [],
    contexts: [],
    reads: [],
    requests: [],
    answers: { 'site:status': () => ({ ok: true, data: { agentsOnline: true, openNow: true } }) },
    answerHistory: () => ({ ok: true, data: null }),
    answerSend: () => new Promise(() => undefined),
    isConnected: () => fake.connected,
    connect: () => {
      fake.connectCalls += 1;
    },
    fetchHistory: async (request) => {
      fake.historyRequests.push(request);
      return fake.answerHistory(request);
    },
    sendMessage: (message) => {
      fake.sent.push(message);
      return fake.answerSend(message);
    },
    setTyping: (typing) => {
      fake.typing.push(typing);
    },
    identify: async (identity) => {
      fake.identities.push(identity);
      return { ok: true, data: { visitorId: 'visitor_0001', visitorToken: 't'.repeat(43), name: identity.name ?? null } };
    },
    request: (event, payload) => {
      fake.requests.push({ event, payload });
      const answer = fake.answers[event] as ((data: typeof payload) => RequestResult<typeof event>) | undefined;
      return answer ? Promise.resolve(answer(payload)) : Promise.reject(new Error('operation has timed out'));
    },
    sendContext: (context) => {
      fake.contexts.push(context);
    },
    markRead: (seq) => {
      fake.reads.push(seq);
    },
    onServerEvent: (event, listener) => {
      const listeners: AnyListener[] = (handlers[event] ??= []);
      listeners.push(listener);
    },
    onConnect: (listener) => connectListeners.push(listener),
    onDisconnect: (listener) => disconnectListeners.push(listener),
    onConnectError: (listener) => errorListeners.push(listener),
    serverConnects: () => {
      fake.connected = true;
      connectListeners.forEach((listener) => listener());
    },
    serverDisconnects: () => {
      fake.connected = false;
      disconnectListeners.forEach((listener) => listener());
    },
    serverRefuses: (error, willRetry) => errorListeners.forEach((listener) => listener(error, willRetry)),
    push: (event, ...args) => {
      for (const handler of handlers[event] ?? []) (handler as unknown as (...params: typeof args) => void)(...args);
    },
  };
  return fake;
}
