/** Chat messages: what is stored, what is sent, and who wrote it. */
import { z } from 'zod';
import { ClientIdSchema, IdSchema, IsoDateSchema } from './common';

export const MESSAGE_MAX_LENGTH = 5000;

export const MessageAuthorSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('visitor'), id: IdSchema, name: z.string().nullable() }),
  z.object({ kind: z.literal('agent'), id: IdSchema, name: z.string() }),
  z.object({ kind: z.literal('system') }),
]);
export type MessageAuthor = z.infer<typeof MessageAuthorSchema>;

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
});
export type Message = z.infer<typeof MessageSchema>;

export const MessageTextSchema = z
  .string()
  .max(MESSAGE_MAX_LENGTH, `at most ${MESSAGE_MAX_LENGTH} characters`)
  .refine((text) => text.trim().length > 0, 'must not be empty');

/** A visitor sends into their current conversation (one is opened if none is). */
export const VisitorMessageSendSchema = z.strictObject({
  clientId: ClientIdSchema,
  text: MessageTextSchema,
  /** From the pre-chat form; used when this message opens a new conversation. */
  departmentId: IdSchema.optional(),
});
export type VisitorMessageSend = z.infer<typeof VisitorMessageSendSchema>;

export const AgentMessageSendSchema = z.strictObject({
  conversationId: IdSchema,
  clientId: ClientIdSchema,
  text: MessageTextSchema,
  internal: z.boolean().optional(),
});
export type AgentMessageSend = z.infer<typeof AgentMessageSendSchema>;
