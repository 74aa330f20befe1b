/** What the panel's components may do: the chat session's operations, as a narrow seam tests can fake. */
import type { VisitorIdentify } from '@parley/shared';
import type { ChatStore } from './chat-store';
import type { RequestPayload, RequestResult, VisitorRequestEvent } from './visitor-transport';

export interface ChatActions {
  send(text: string): void;
  retry(clientId: string): void;
  setTyping(typing: boolean): void;
  /** Resolves true once the server has it, or when it will be sent on the next connection. */
  identify(identity: VisitorIdentify): Promise<boolean>;
  /** A request on the visitor's connection (connecting for it); null when no answer came in time. */
  ask<E extends VisitorRequestEvent>(event: E, payload: RequestPayload<E>): Promise<RequestResult<E> | null>;
  setSound(on: boolean): void;
}

/** What a lazily loaded part gets besides its own props: the state it updates and the actions it calls. */
export interface PartProps {
  store: ChatStore;
  actions: ChatActions;
}
