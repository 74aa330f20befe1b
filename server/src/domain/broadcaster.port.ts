/** The port through which domain services tell connected clients what changed. */
import type { Conversation, Message, TypingNotice } from '@parley/shared';

export interface Broadcaster {
  /** To the conversation's visitor (all tabs) and to the site's agents. */
  messageCreated(conversation: Conversation, message: Message): void;
  conversationUpdated(conversation: Conversation): void;
  /** To the other side of the conversation only. */
  typingChanged(conversation: Conversation, notice: TypingNotice): void;
}
