/** Conversations between one visitor and the agents of a site. */
import { z } from 'zod';
import { EmailSchema, IdSchema, IsoDateSchema } from './common';
import { MessageSchema, type Message } from './message';
import { TicketReceiptSchema } from './ticket';

export const CONVERSATION_STATUSES = ['queued', 'assigned', 'resolved'] as const;
export const ConversationStatusSchema = z.enum(CONVERSATION_STATUSES);
export type ConversationStatus = z.infer<typeof ConversationStatusSchema>;

/** How long a chat list's one-line preview of the latest message is, in code points (before an ellipsis). */
export const MESSAGE_PREVIEW_MAX_LENGTH = 140;

/**
 * The latest message as a chat list shows it: its text on one line, cut to MESSAGE_PREVIEW_MAX_LENGTH
 * code points (a message with files only: their names; empty when even they are missing).
 */
export const MessagePreviewSchema = z.object({
  text: z.string(),
  authorKind: z.enum(['visitor', 'agent', 'system']),
  /** The agent or visitor who wrote it; null for a system message. */
  authorId: IdSchema.nullable(),
  /** An internal note: only agents ever see its text. */
  internal: z.boolean(),
});
export type MessagePreview = z.infer<typeof MessagePreviewSchema>;

/** Whitespace runs (line breaks included) become one space; cut on a code point, never inside a surrogate pair. */
export function previewText(text: string): string {
  const oneLine = text.replace(/\s+/gu, ' ').trim();
  // Never more code points than UTF-16 units: most messages need no splitting (this runs per message).
  if (oneLine.length <= MESSAGE_PREVIEW_MAX_LENGTH) return oneLine;
  const codePoints = Array.from(oneLine);
  if (codePoints.length <= MESSAGE_PREVIEW_MAX_LENGTH) return oneLine;
  return `${codePoints.slice(0, MESSAGE_PREVIEW_MAX_LENGTH).join('').trimEnd()}…`;
}

/**
 * The preview of a message: what the stores keep on its conversation (in the UPDATE that numbers
 * it) and what a console derives from a `message:new` it receives, the same way.
 */
export function messagePreviewOf(message: {
  author: Message['author']; text: string; internal?: boolean; attachments?: readonly { name: string }[];
}): MessagePreview {
  const text = message.text.trim() === '' ? (message.attachments ?? []).map((file) => file.name).join(', ') : message.text;
  return {
    text: previewText(text),
    authorKind: message.author.kind,
    authorId: message.author.kind === 'system' ? null : message.author.id,
    internal: message.internal === true,
  };
}

export const ConversationSchema = z.object({
  id: IdSchema,
  siteId: IdSchema,
  visitorId: IdSchema,
  visitorName: z.string().nullable(),
  status: ConversationStatusSchema,
  assignedAgentId: IdSchema.nullable(),
  /** Agents invited to help; they see and write in the chat beside the assigned agent. */
  participantAgentIds: z.array(IdSchema),
  departmentId: IdSchema.nullable(),
  locale: z.string().nullable(),
  /** The highest message seq stored so far; clients catch up from it. */
  lastSeq: z.number().int().nonnegative(),
  createdAt: IsoDateSchema,
  /** When anything about it last changed: a message, but also an assignment, a requeue, an invitation. */
  updatedAt: IsoDateSchema,
  /**
   * When its latest message was stored; null before the first. Lists show and order live chats by
   * it: updatedAt also moves when an agent goes offline and back (their chats are requeued and
   * assigned again), which made every chat of theirs read "now".
   */
  lastMessageAt: IsoDateSchema.nullable(),
  /**
   * Its latest message, internal notes included, for agents' chat lists; null before the first.
   * Always null in what a visitor is sent, so a note's text never reaches the widget.
   */
  lastMessagePreview: MessagePreviewSchema.nullable(),
  /** When it (last) joined the queue; the queue is ordered by it. */
  queuedAt: IsoDateSchema,
  assignedAt: IsoDateSchema.nullable(),
  firstResponseAt: IsoDateSchema.nullable(),
  /** Set while the assigned agent owes an answer; cleared by their reply. */
  awaitingAgentSince: IsoDateSchema.nullable(),
  resolvedAt: IsoDateSchema.nullable(),
  /** The ticket this chat became, when nobody could finish it live. */
  ticketId: IdSchema.nullable(),
  /** The visitor's satisfaction rating (1-5) at the end of the chat. */
  rating: z.number().int().min(1).max(5).nullable(),
  ratingComment: z.string().nullable(),
  /**
   * While it is open: when the visitor closed their last page with the chat (after a short grace for
   * moving between pages); null while they are on the site. Kept as it was once the chat is resolved.
   */
  visitorLeftAt: IsoDateSchema.nullable(),
});
export type Conversation = z.infer<typeof ConversationSchema>;

export const ConversationWithMessagesSchema = z.object({
  conversation: ConversationSchema,
  messages: z.array(MessageSchema),
  /** Read receipts so far (absent from servers older than read receipts). */
  read: z.lazy(() => ReadStateSchema).optional(),
  /** The request (ticket) the chat became, as `ticket:created` said it: its number survives a reload. Absent when none. */
  ticket: TicketReceiptSchema.optional(),
});
export type ConversationWithMessages = z.infer<typeof ConversationWithMessagesSchema>;

export const ConversationRefSchema = z.strictObject({ conversationId: IdSchema });
export type ConversationRef = z.infer<typeof ConversationRefSchema>;

export const HistoryRequestSchema = z.strictObject({
  /** Catch up from here: only messages with a greater seq are returned. */
  afterSeq: z.number().int().nonnegative().optional(),
});
export type HistoryRequest = z.infer<typeof HistoryRequestSchema>;

export const TypingSchema = z.strictObject({ typing: z.boolean() });
export const AgentTypingSchema = z.strictObject({ conversationId: IdSchema, typing: z.boolean() });

export const TypingNoticeSchema = z.object({
  conversationId: IdSchema,
  who: z.enum(['visitor', 'agent']),
  name: z.string().nullable(),
  typing: z.boolean(),
});
export type TypingNotice = z.infer<typeof TypingNoticeSchema>;

/** The visitor's place in the queue (1 = next) and an estimate of the wait. */
export const QueuePositionSchema = z.object({
  conversationId: IdSchema,
  position: z.number().int().positive(),
  estimatedWaitSeconds: z.number().int().nonnegative(),
});
export type QueuePosition = z.infer<typeof QueuePositionSchema>;

export const TransferRequestSchema = z
  .strictObject({
    conversationId: IdSchema,
    toAgentId: IdSchema.optional(),
    toDepartmentId: IdSchema.optional(),
    note: z.string().trim().max(1000).optional(),
  })
  .refine((t) => Boolean(t.toAgentId) !== Boolean(t.toDepartmentId), 'name exactly one of toAgentId or toDepartmentId');
export type TransferRequest = z.infer<typeof TransferRequestSchema>;

export const InviteRequestSchema = z.strictObject({ conversationId: IdSchema, agentId: IdSchema });
export type InviteRequest = z.infer<typeof InviteRequestSchema>;

export const VisitorRefSchema = z.strictObject({ visitorId: IdSchema });

export const ChatRatingSchema = z.strictObject({
  score: z.number().int().min(1).max(5),
  comment: z.string().trim().max(2000).optional(),
});
export type ChatRating = z.infer<typeof ChatRatingSchema>;

export const TranscriptRequestSchema = z.strictObject({ email: EmailSchema });

export const READERS = ['visitor', 'agent'] as const;

/** How far each side has read a conversation (message seqs); drives the "read" ticks. */
export const ReadStateSchema = z.object({
  conversationId: IdSchema,
  visitorSeq: z.number().int().nonnegative(),
  agentSeq: z.number().int().nonnegative(),
});
export type ReadState = z.infer<typeof ReadStateSchema>;

/**
 * What moved in a conversation an agent does not handle or watch: enough to keep the console's
 * lists (order, unread count, who owes an answer) current without every message of the site.
 */
export const ConversationActivitySchema = z.object({
  conversationId: IdSchema,
  lastSeq: z.number().int().nonnegative(),
  /** When the message that moved it was stored: the conversation's updatedAt and lastMessageAt both. */
  updatedAt: IsoDateSchema,
  awaitingAgentSince: IsoDateSchema.nullable(),
  /** That message's preview (at most MESSAGE_PREVIEW_MAX_LENGTH code points: entries stay small). */
  lastMessagePreview: MessagePreviewSchema.nullable(),
});
export type ConversationActivity = z.infer<typeof ConversationActivitySchema>;

export const VisitorReadSchema = z.strictObject({ seq: z.number().int().positive() });
export const AgentReadSchema = z.strictObject({ conversationId: IdSchema, seq: z.number().int().positive() });
