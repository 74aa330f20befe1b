/** What the panel's components may do: the chat session's operations, as a narrow seam tests can fake. */
import type { MessageAttachment, VisitorIdentify } from '@parley/shared';
import type { ChatStore } from './chat-store';
import type { RequestPayload, RequestResult, VisitorRequestEvent } from './visitor-transport';

export interface ChatActions {
  /** Text, files (uploaded already), or both. */
  send(text: string, attachments?: MessageAttachment[]): void;
  retry(clientId: string): void;
  /** A refused message the visitor does not want to send after all. */
  discard(clientId: string): void;
  setTyping(typing: boolean): void;
  /** Resolves true once the server has it, or when it will be sent on the next connection. */
  identify(identity: VisitorIdentify): Promise<boolean>;
  /** A request on the visitor's connection (connecting for it); null when no answer came in time. */
  ask<E extends VisitorRequestEvent>(event: E, payload: RequestPayload<E>): Promise<RequestResult<E> | null>;
  setSound(on: boolean): void;
  /** Who the visitor is, for the file routes (headers, never the URL); no token before the first connection. */
  fileAccess(): FileAccess;
}

export interface FileAccess {
  token: string | undefined;
  siteKey: string;
}

/** What a lazily loaded part gets besides its own props: the state it updates and the actions it calls. */
export interface PartProps {
  store: ChatStore;
  actions: ChatActions;
}
