/** Tickets: requests that outlive a chat, numbered per site, with SLA clocks and a timeline. */
import { z } from 'zod';
import { AttachmentIdsSchema, MessageAttachmentSchema } from './attachment';
import { EmailSchema, IdSchema, IsoDateSchema, PersonNameSchema } from './common';
import { hasTextOrFiles, MESSAGE_MAX_LENGTH, MessageTextSchema, SendTextSchema, TEXT_OR_FILES_REQUIRED } from './message';

export const TICKET_STATUSES = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const;
export const TicketStatusSchema = z.enum(TICKET_STATUSES);
export type TicketStatus = z.infer<typeof TicketStatusSchema>;

export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const TicketPrioritySchema = z.enum(TICKET_PRIORITIES);
export type TicketPriority = z.infer<typeof TicketPrioritySchema>;

export const TIERS = [1, 2, 3] as const;
export const TierSchema = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export type Tier = z.infer<typeof TierSchema>;

export const TICKET_SOURCES = ['chat_timeout', 'offline_form', 'visitor_left', 'agent_escalation', 'agent'] as const;
export const TicketSourceSchema = z.enum(TICKET_SOURCES);
export type TicketSource = z.infer<typeof TicketSourceSchema>;

const TagSchema = z.string().trim().toLowerCase().min(1).max(40).regex(/^[\p{L}\p{N}_-]+$/u, 'letters, digits, _ or -');

export const TicketSchema = z.object({
  id: IdSchema,
  siteId: IdSchema,
  /** Shown to people as #1001, #1002... per site. */
  number: z.number().int().positive(),
  conversationId: IdSchema.nullable(),
  visitorId: IdSchema.nullable(),
  subject: z.string(),
  requesterName: z.string().nullable(),
  requesterEmail: z.string().nullable(),
  requesterLocale: z.string(),
  status: TicketStatusSchema,
  priority: TicketPrioritySchema,
  tier: TierSchema,
  departmentId: IdSchema.nullable(),
  assigneeAgentId: IdSchema.nullable(),
  tags: z.array(z.string()),
  source: TicketSourceSchema,
  createdAt: IsoDateSchema,
  updatedAt: IsoDateSchema,
  /** When the current tier's SLA clock started (a move up a tier starts a fresh one). */
  tierStartedAt: IsoDateSchema,
  firstResponseDueAt: IsoDateSchema.nullable(),
  resolutionDueAt: IsoDateSchema.nullable(),
  firstRespondedAt: IsoDateSchema.nullable(),
  solvedAt: IsoDateSchema.nullable(),
  closedAt: IsoDateSchema.nullable(),
  pendingSince: IsoDateSchema.nullable(),
  /**
   * Opening-hours minutes the current tier's SLA clocks have stood still while the ticket waited on
   * its requester (pending): the due dates already include them; a priority change recounts from it.
   */
  slaPausedMinutes: z.number().int().min(0),
  rating: z.number().int().min(1).max(5).nullable(),
  ratingComment: z.string().nullable(),
});
export type Ticket = z.infer<typeof TicketSchema>;

export const TicketChangeSchema = z.object({
  field: z.string(),
  from: z.union([z.string(), z.number(), z.null()]),
  to: z.union([z.string(), z.number(), z.null()]),
});
export type TicketChange = z.infer<typeof TicketChangeSchema>;

export const TICKET_EVENT_KINDS = ['created', 'reply', 'note', 'change', 'rating'] as const;
export const TicketEventSchema = z.object({
  id: IdSchema,
  ticketId: IdSchema,
  seq: z.number().int().positive(),
  kind: z.enum(TICKET_EVENT_KINDS),
  authorKind: z.enum(['agent', 'requester', 'system']),
  authorId: z.string().nullable(),
  authorName: z.string().nullable(),
  text: z.string().nullable(),
  changes: z.array(TicketChangeSchema),
  /** Files an agent sent with a reply or a note (a note's stay with agents); empty for the rest. */
  attachments: z.array(MessageAttachmentSchema),
  createdAt: IsoDateSchema,
});
export type TicketEvent = z.infer<typeof TicketEventSchema>;

export const TicketWithTimelineSchema = z.object({ ticket: TicketSchema, events: z.array(TicketEventSchema) });
export type TicketWithTimeline = z.infer<typeof TicketWithTimelineSchema>;

/** The widget's offline form: nobody is online, or it is out of hours. */
export const OfflineRequestSchema = z.strictObject({
  name: PersonNameSchema.optional(),
  email: EmailSchema,
  message: MessageTextSchema,
});
export type OfflineRequest = z.infer<typeof OfflineRequestSchema>;

export const EscalateRequestSchema = z.strictObject({
  conversationId: IdSchema,
  tier: TierSchema.optional(),
  priority: TicketPrioritySchema.optional(),
  note: z.string().trim().max(MESSAGE_MAX_LENGTH).optional(),
});
export type EscalateRequest = z.infer<typeof EscalateRequestSchema>;

export const TicketUpdateSchema = z.strictObject({
  status: TicketStatusSchema.optional(),
  priority: TicketPrioritySchema.optional(),
  tier: TierSchema.optional(),
  assigneeAgentId: IdSchema.nullable().optional(),
  departmentId: IdSchema.nullable().optional(),
  tags: z.array(TagSchema).max(20).optional(),
  subject: z.string().trim().min(1).max(200).optional(),
});
export type TicketUpdate = z.infer<typeof TicketUpdateSchema>;

export const BulkTicketUpdateSchema = z.strictObject({
  ticketIds: z.array(IdSchema).min(1).max(200),
  update: TicketUpdateSchema,
});

export const TicketReplySchema = z.strictObject({
  /** May be blank when files go with the reply. */
  text: SendTextSchema,
  /** A note is internal: the requester never sees it and gets no e-mail. */
  internal: z.boolean().default(false),
  /** Optionally change the status in the same step (e.g. reply and set pending). */
  status: TicketStatusSchema.optional(),
  /** Ids from `POST /api/attachments?ticketId=…` by this agent, not sent with another reply yet. */
  attachments: AttachmentIdsSchema.optional(),
}).refine(hasTextOrFiles, TEXT_OR_FILES_REQUIRED);
export type TicketReply = z.infer<typeof TicketReplySchema>;

/** The requester's answer from the ticket's page: text, files (already uploaded for the ticket), or both. */
export const RequesterReplySchema = z
  .strictObject({ text: SendTextSchema, attachments: AttachmentIdsSchema.optional() })
  .refine(hasTextOrFiles, TEXT_OR_FILES_REQUIRED);

export const RatingSchema = z.strictObject({
  score: z.coerce.number().int().min(1).max(5),
  comment: z.string().trim().max(2000).optional(),
});
export type Rating = z.infer<typeof RatingSchema>;

export const TICKET_VIEWS = ['all', 'mine', 'unassigned', 'breaching_soon', 'breached'] as const;
export const TICKET_SORTS = ['updated_desc', 'created_desc', 'created_asc', 'priority_desc', 'due_asc'] as const;

export const TicketQuerySchema = z.strictObject({
  view: z.enum(TICKET_VIEWS).default('all'),
  status: z.array(TicketStatusSchema).optional(),
  priority: z.array(TicketPrioritySchema).optional(),
  tier: z.array(z.coerce.number().pipe(TierSchema)).optional(),
  assigneeAgentId: IdSchema.optional(),
  departmentId: IdSchema.optional(),
  tag: TagSchema.optional(),
  search: z.string().trim().max(200).optional(),
  sort: z.enum(TICKET_SORTS).default('updated_desc'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type TicketQuery = z.infer<typeof TicketQuerySchema>;

export const TicketRefSchema = z.strictObject({ ticketId: IdSchema });
export const TicketUpdateRequestSchema = z.strictObject({ ticketId: IdSchema, update: TicketUpdateSchema });
export const TicketReplyRequestSchema = z.strictObject({ ticketId: IdSchema, reply: TicketReplySchema });
export type TicketReplyRequest = z.input<typeof TicketReplyRequestSchema>;

/** What the visitor learns when their chat or message became a ticket. */
export const TicketReceiptSchema = z.object({ ticketNumber: z.number().int(), emailOnFile: z.boolean() });
export type TicketReceipt = z.infer<typeof TicketReceiptSchema>;

/** Whether a live chat is possible right now, so the widget can offer the offline form instead. */
export const SiteAvailabilitySchema = z.object({ agentsOnline: z.boolean(), openNow: z.boolean() });
export type SiteAvailability = z.infer<typeof SiteAvailabilitySchema>;
