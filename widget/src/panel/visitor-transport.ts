/**
 * The panel's view of the server: the visitor namespace's requests and events, typed from the
 * shared event maps. The chat session depends on this, so tests can drive it with a fake.
 */
import type {
  AckResult,
  ConversationWithMessages,
  HistoryRequest,
  Message,
  ParleyError,
  VisitorContext,
  VisitorIdentifyRequest,
  VisitorClientToServerEvents,
  VisitorMessageSend,
  VisitorServerToClientEvents,
  VisitorSession,
} from '@parley/shared';

/** Request events answered through an acknowledgement, sent through `request`. */
export type VisitorRequestEvent =
  | 'conversation:end'
  | 'conversation:rate'
  | 'conversation:transcript'
  | 'ticket:create'
  | 'site:status'
  | 'kb:suggest'
  | 'kb:article'
  | 'kb:vote'
  | 'kb:deflection'
  | 'visitor:forget';
type RequestHandler<E extends VisitorRequestEvent> = VisitorClientToServerEvents[E];
export type RequestPayload<E extends VisitorRequestEvent> = Parameters<RequestHandler<E>>[0];
export type RequestResult<E extends VisitorRequestEvent> = Parameters<Parameters<RequestHandler<E>>[1]>[0];

export interface VisitorTransport {
  isConnected(): boolean;
  connect(): void;
  /** These reject no acknowledgement arrives in time (timeout or disconnect). */
  fetchHistory(request: HistoryRequest): Promise<AckResult<ConversationWithMessages | null>>;
  sendMessage(message: VisitorMessageSend): Promise<AckResult<Message>>;
  identify(identity: VisitorIdentifyRequest): Promise<AckResult<VisitorSession>>;
  /** Any other request event; rejects like the ones above. */
  request<E extends VisitorRequestEvent>(event: E, payload: RequestPayload<E>): Promise<RequestResult<E>>;
  /** Dropped rather than buffered while offline: a stale "typing" is worse than none. */
  setTyping(typing: boolean): void;
  /** The visitor has seen messages up to this seq (fire and forget). */
  markRead(seq: number): void;
  /** The page the visitor is on; sent again on every connection. */
  sendContext(context: VisitorContext): void;
  onServerEvent<E extends keyof VisitorServerToClientEvents>(event: E, listener: VisitorServerToClientEvents[E]): void;
  onConnect(listener: () => void): void;
  onDisconnect(listener: () => void): void;
  /** `error` is the server's refusal when it sent one; `willRetry` is false when the client gave up. */
  onConnectError(listener: (error: ParleyError | null, willRetry: boolean) => void): void;
}
