/** Chat messages: what is stored, what is sent, and who wrote it. */
import { z } from 'zod';
import { AttachmentIdsSchema, MessageAttachmentSchema } from './attachment';
import { ClientIdSchema, IdSchema, IsoDateSchema } from './common';

export const MESSAGE_MAX_LENGTH = 5000;

export const MessageAuthorSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('visitor'), id: IdSchema, name: z.string().nullable() }),
  z.object({ kind: z.literal('agent'), id: IdSchema, name: z.string() }),
  z.object({ kind: z.literal('system') }),
]);
export type MessageAuthor = z.infer<typeof MessageAuthorSchema>;

/**
 * What a system line in a chat records, with the names as they were then, so that each reader can
 * be shown it in their own language: the visitor is told who now answers, agents who did what.
 */
export const ChatEventSchema = z.discriminatedUnion('type', [
  /** `from` handed the chat to the agent `to`. */
  z.object({ type: z.literal('transferred'), from: z.string(), to: z.string() }),
  /** `from` handed the chat back to the queue of `department`. */
  z.object({ type: z.literal('requeued'), from: z.string(), department: z.string() }),
  /** `by` invited `agent` to help in the chat. */
  z.object({ type: z.literal('invited'), by: z.string(), agent: z.string() }),
  /**
   * The agent `agent` (id `agentId`) was given the chat and did not answer within `seconds`, so it
   * went back to the queue. An internal line: agents read it; the visitor just waits for the next.
   */
  z.object({ type: z.literal('unanswered'), agent: z.string(), agentId: IdSchema, seconds: z.number().int().positive() }),
]);
export type ChatEvent = z.infer<typeof ChatEventSchema>;

export const MessageSchema = z.object({
  id: IdSchema,
  conversationId: IdSchema,
  /** Per-conversation sequence number: the order every client shows. */
  seq: z.number().int().positive(),
  clientId: ClientIdSchema,
  author: MessageAuthorSchema,
  text: z.string(),
  /** Internal notes are seen by agents only, never by the visitor. */
  internal: z.boolean(),
  createdAt: IsoDateSchema,
  /** Files sent with the message, in the sender's order; absent when there are none. */
  attachments: z.array(MessageAttachmentSchema).optional(),
  /** On system lines only: what happened, for readers to word in their language (`text` is its English). */
  event: ChatEventSchema.optional(),
});
export type Message = z.infer<typeof MessageSchema>;

export const MessageTextSchema = z
  .string()
  .max(MESSAGE_MAX_LENGTH, `at most ${MESSAGE_MAX_LENGTH} characters`)
  .refine((text) => text.trim().length > 0, 'must not be empty');

/** A sent message's (or ticket reply's) text may be blank only when files go with it. */
export const SendTextSchema = z.string().max(MESSAGE_MAX_LENGTH, `at most ${MESSAGE_MAX_LENGTH} characters`);
export const hasTextOrFiles = (send: { text: string; attachments?: readonly string[] | undefined }): boolean =>
  send.text.trim().length > 0 || (send.attachments?.length ?? 0) > 0;
/** The refinement's answer when neither is there: reported on `text`, where the sender fixes it. */
export const TEXT_OR_FILES_REQUIRED = { message: 'must not be empty', path: ['text'] };

/** A visitor sends into their current conversation (one is opened if none is). */
export const VisitorMessageSendSchema = z.strictObject({
  clientId: ClientIdSchema,
  text: SendTextSchema,
  /** From the pre-chat form; used when this message opens a new conversation. */
  departmentId: IdSchema.optional(),
  /** Ids from `POST /api/attachments` by this visitor, not yet sent with another message. */
  attachments: AttachmentIdsSchema.optional(),
}).refine(hasTextOrFiles, TEXT_OR_FILES_REQUIRED);
export type VisitorMessageSend = z.infer<typeof VisitorMessageSendSchema>;

export const AgentMessageSendSchema = z.strictObject({
  conversationId: IdSchema,
  clientId: ClientIdSchema,
  text: SendTextSchema,
  internal: z.boolean().optional(),
  /** Ids from `POST /api/attachments?conversationId=…` by this agent, not yet sent. */
  attachments: AttachmentIdsSchema.optional(),
}).refine(hasTextOrFiles, TEXT_OR_FILES_REQUIRED);
export type AgentMessageSend = z.infer<typeof AgentMessageSendSchema>;
