/** What of a conversation its visitor may be sent: never the preview, which can hold an internal note's text. */
import type { Conversation } from '@parley/shared';

export const visitorViewOf = (conversation: Conversation): Conversation => ({ ...conversation, lastMessagePreview: null });
