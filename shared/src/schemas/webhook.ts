/** Webhooks: endpoints admins register, the signed events Parley POSTs to them, and the delivery log. */
import { z } from 'zod';
import { IdSchema, IsoDateSchema } from './common';
import { ConversationSchema } from './conversation';
import { MessageSchema } from './message';
import { TicketSchema } from './ticket';

export const WEBHOOK_EVENT_TYPES = [
  'conversation.created',
  'conversation.assigned',
  'message.created',
  'conversation.resolved',
  'ticket.created',
  'ticket.updated',
  'rating.created',
] as const;
export const WebhookEventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES);
export type WebhookEventType = z.infer<typeof WebhookEventTypeSchema>;

/** Sent only by "send test event"; endpoints need not subscribe to it. */
export const WEBHOOK_TEST_EVENT_TYPE = 'webhook.test';

/** The header carrying `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`. */
export const WEBHOOK_SIGNATURE_HEADER = 'Parley-Signature';
/** Every endpoint secret starts with this. */
export const WEBHOOK_SECRET_PREFIX = 'whsec_';

const WebhookUrlSchema = z
  .string()
  .trim()
  .max(2000)
  .url()
  .refine((url) => /^https?:\/\//i.test(url), 'must be an http(s) URL')
  .refine((url) => !/^https?:\/\/[^/]*@/i.test(url), 'must not carry a user name or password');

export const WebhookEndpointSchema = z.object({
  id: IdSchema,
  siteId: IdSchema,
  url: z.string(),
  description: z.string(),
  events: z.array(WebhookEventTypeSchema),
  enabled: z.boolean(),
  /** Set by an admin on purpose: the URL may resolve to loopback, private or link-local addresses. */
  allowPrivateTargets: z.boolean(),
  createdByAgentId: IdSchema,
  createdAt: IsoDateSchema,
  updatedAt: IsoDateSchema,
});
export type WebhookEndpoint = z.infer<typeof WebhookEndpointSchema>;

export const NewWebhookEndpointSchema = z.strictObject({
  url: WebhookUrlSchema,
  description: z.string().trim().max(200).default(''),
  events: z.array(WebhookEventTypeSchema).min(1).max(WEBHOOK_EVENT_TYPES.length),
  enabled: z.boolean().default(true),
  allowPrivateTargets: z.boolean().default(false),
});
export type NewWebhookEndpoint = z.infer<typeof NewWebhookEndpointSchema>;

export const WebhookEndpointPatchSchema = z
  .strictObject({
    url: WebhookUrlSchema,
    description: z.string().trim().max(200),
    events: z.array(WebhookEventTypeSchema).min(1).max(WEBHOOK_EVENT_TYPES.length),
    enabled: z.boolean(),
    allowPrivateTargets: z.boolean(),
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, 'nothing to change');
export type WebhookEndpointPatch = z.infer<typeof WebhookEndpointPatchSchema>;

/** The answer to creating an endpoint or rotating its secret: the only time the secret is shown. */
export const WebhookEndpointWithSecretSchema = z.object({
  endpoint: WebhookEndpointSchema,
  secret: z.string().startsWith(WEBHOOK_SECRET_PREFIX),
});
export type WebhookEndpointWithSecret = z.infer<typeof WebhookEndpointWithSecretSchema>;

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'sending', 'delivered', 'failed'] as const;
export const WebhookDeliveryStatusSchema = z.enum(WEBHOOK_DELIVERY_STATUSES);
export type WebhookDeliveryStatus = z.infer<typeof WebhookDeliveryStatusSchema>;

/** One event on its way to one endpoint: the delivery log entry. */
export const WebhookDeliverySchema = z.object({
  id: IdSchema,
  endpointId: IdSchema,
  eventId: IdSchema,
  eventType: z.string(),
  status: WebhookDeliveryStatusSchema,
  /** Attempts started so far. */
  attempts: z.number().int().nonnegative(),
  /** The HTTP status of the last answer; null when there was none (refused, timed out, unreachable). */
  responseStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  nextAttemptAt: IsoDateSchema,
  createdAt: IsoDateSchema,
  deliveredAt: IsoDateSchema.nullable(),
});
export type WebhookDelivery = z.infer<typeof WebhookDeliverySchema>;

const ConversationData = z.object({ conversation: ConversationSchema });

/** A rating of a chat (by its visitor) or of a ticket (by its requester). */
export const RatingEventDataSchema = z.discriminatedUnion('target', [
  z.object({ target: z.literal('conversation'), conversation: ConversationSchema, score: z.number().int(), comment: z.string().nullable() }),
  z.object({ target: z.literal('ticket'), ticket: TicketSchema, score: z.number().int(), comment: z.string().nullable() }),
]);
export type RatingEventData = z.infer<typeof RatingEventDataSchema>;

const envelope = <T extends string, D extends z.ZodType>(type: T, data: D) =>
  z.object({ id: IdSchema, type: z.literal(type), createdAt: IsoDateSchema, data });

/** The JSON body of every webhook POST; `id` is the event's, the same in every retry (deduplicate by it). */
export const WebhookEventSchema = z.discriminatedUnion('type', [
  envelope('conversation.created', ConversationData),
  envelope('conversation.assigned', ConversationData),
  envelope('conversation.resolved', ConversationData),
  envelope('message.created', z.object({ conversation: ConversationSchema, message: MessageSchema })),
  envelope('ticket.created', z.object({ ticket: TicketSchema })),
  envelope('ticket.updated', z.object({ ticket: TicketSchema })),
  envelope('rating.created', RatingEventDataSchema),
  envelope(WEBHOOK_TEST_EVENT_TYPE, z.object({ endpointId: IdSchema, message: z.string() })),
]);
export type WebhookEvent = z.infer<typeof WebhookEventSchema>;
