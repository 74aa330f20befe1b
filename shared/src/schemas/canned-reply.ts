/** Canned replies: saved answers an agent expands by typing /shortcut. */
import { z } from 'zod';
import { IdSchema } from './common';

export const CannedReplySchema = z.object({
  id: IdSchema,
  siteId: IdSchema,
  shortcut: z.string(),
  text: z.string(),
  /** Null: for the whole site (or personal when ownerAgentId is set). */
  departmentId: IdSchema.nullable(),
  /** Set: a personal reply only its owner sees. */
  ownerAgentId: IdSchema.nullable(),
});
export type CannedReply = z.infer<typeof CannedReplySchema>;

export const CannedReplyInputSchema = z.strictObject({
  id: IdSchema.optional(),
  shortcut: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[\p{L}\p{N}_-]+$/u, 'letters, digits, _ or - only'),
  text: z.string().trim().min(1).max(5000),
  departmentId: IdSchema.nullable().optional(),
  personal: z.boolean().optional(),
});
export type CannedReplyInput = z.infer<typeof CannedReplyInputSchema>;

export const IdRefSchema = z.strictObject({ id: IdSchema });
