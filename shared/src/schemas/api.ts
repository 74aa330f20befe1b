/** The public REST API (/api/v1): error and page envelopes, list queries and request bodies. */
import { z } from 'zod';
import { ERROR_CODES } from '../errors';
import { ClientIdSchema, EmailSchema, IdSchema, IsoDateSchema, PersonNameSchema } from './common';
import { ConversationSchema, ConversationStatusSchema } from './conversation';
import { KbArticleListQuerySchema } from './knowledge-base';
import { MessageTextSchema } from './message';
import {
  TicketPrioritySchema,
  TicketQuerySchema,
  TicketSchema,
  TicketUpdateSchema,
  TierSchema,
} from './ticket';
import { VisitorProfileSchema } from './visitor';

/** Every error answer of the API. */
export const ApiErrorSchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    /** Field-level problems for VALIDATION_FAILED, keyed by dotted path. */
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

export const API_PAGE_LIMIT_MAX = 200;
export const API_PAGE_LIMIT_DEFAULT = 50;

/** Opaque: hand back the `nextCursor` of the previous page, unchanged. */
export const CursorSchema = z.string().min(1).max(512).regex(/^[A-Za-z0-9_-]+$/, 'must be a cursor from a previous page');

const pageQuery = {
  cursor: CursorSchema.optional(),
  limit: z.coerce.number().int().min(1).max(API_PAGE_LIMIT_MAX).default(API_PAGE_LIMIT_DEFAULT),
};
export const PageQuerySchema = z.strictObject(pageQuery);
export type PageQuery = z.infer<typeof PageQuerySchema>;

/** A page of a list: `nextCursor` is null on the last page. */
export const pageSchemaOf = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item), nextCursor: z.string().nullable() });
export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/** One resource. */
export const dataSchemaOf = <T extends z.ZodType>(item: T) => z.object({ data: item });

/** Newest first. `createdFrom` is included, `createdTo` is not. */
export const ConversationListQuerySchema = z.strictObject({
  ...pageQuery,
  status: z.array(ConversationStatusSchema).max(3).optional(),
  agentId: IdSchema.optional(),
  departmentId: IdSchema.optional(),
  createdFrom: IsoDateSchema.optional(),
  createdTo: IsoDateSchema.optional(),
});
export type ConversationListQuery = z.infer<typeof ConversationListQuerySchema>;

/** In conversation order (seq); internal notes included unless asked otherwise. */
export const MessageListQuerySchema = z.strictObject({
  ...pageQuery,
  includeInternal: z.enum(['true', 'false']).default('true'),
});
export type MessageListQuery = z.infer<typeof MessageListQuerySchema>;

/** An agent's reply (or internal note); a repeated `clientId` returns the message stored the first time. */
export const ApiMessageSendSchema = z.strictObject({
  text: MessageTextSchema,
  internal: z.boolean().default(false),
  clientId: ClientIdSchema.optional(),
});
export type ApiMessageSend = z.infer<typeof ApiMessageSendSchema>;

/** Contacts are the site's visitors, newest first. */
export const ContactListQuerySchema = z.strictObject({
  ...pageQuery,
  email: EmailSchema.optional(),
});
export type ContactListQuery = z.infer<typeof ContactListQuerySchema>;

export const ContactSchema = VisitorProfileSchema;
export type Contact = z.infer<typeof ContactSchema>;

export const ContactDetailSchema = z.object({
  contact: ContactSchema,
  conversations: z.array(ConversationSchema),
  /** The latest 100. */
  tickets: z.array(TicketSchema),
});
export type ContactDetail = z.infer<typeof ContactDetailSchema>;

/** Orders a cursor can follow (the console's priority and due orders need offsets, so they are not offered here). */
export const API_TICKET_SORTS = ['updated_desc', 'created_desc', 'created_asc'] as const;
export type ApiTicketSort = (typeof API_TICKET_SORTS)[number];

/** The console's ticket filters and views, paged by cursor. */
export const ApiTicketListQuerySchema = TicketQuerySchema.omit({ sort: true, limit: true, offset: true }).extend({
  ...pageQuery,
  sort: z.enum(API_TICKET_SORTS).default('updated_desc'),
});
export type ApiTicketListQuery = z.infer<typeof ApiTicketListQuerySchema>;

/** A ticket an agent (or an integration) opens on a requester's behalf. */
export const ApiTicketCreateSchema = z.strictObject({
  subject: z.string().trim().min(1).max(200),
  /** The first entry of the timeline: what the requester asked. */
  text: MessageTextSchema,
  requesterName: PersonNameSchema.optional(),
  requesterEmail: EmailSchema.optional(),
  /** The language the requester's e-mails are written in; without it, the site's default language. */
  requesterLocale: z.string().regex(/^[a-z]{2,3}$/, 'must be a language code like en').optional(),
  /** The contact the ticket belongs to, when known. */
  visitorId: IdSchema.optional(),
  priority: TicketPrioritySchema.default('normal'),
  tier: TierSchema.default(1),
  departmentId: IdSchema.nullable().default(null),
  assigneeAgentId: IdSchema.nullable().default(null),
  tags: TicketUpdateSchema.shape.tags.unwrap().default([]),
});
export type ApiTicketCreate = z.infer<typeof ApiTicketCreateSchema>;

/** Newest edits first. */
export const ApiKbArticleListQuerySchema = KbArticleListQuerySchema.extend(pageQuery);
export type ApiKbArticleListQuery = z.infer<typeof ApiKbArticleListQuerySchema>;
