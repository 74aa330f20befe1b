/** The named schemas of the API reference: the domain's nouns, the error envelope and one model per webhook event. */
import {
  AgentSchema,
  AnalyticsReportSchema,
  ApiErrorSchema,
  ApiTokenSchema,
  ContactDetailSchema,
  ContactSchema,
  ConversationSchema,
  CreatedApiTokenSchema,
  DepartmentSchema,
  KbArticleSummarySchema,
  KbArticleViewSchema,
  MessageSchema,
  TicketEventSchema,
  TicketSchema,
  TicketWithTimelineSchema,
  WebhookDeliverySchema,
  WebhookEndpointSchema,
  WebhookEndpointWithSecretSchema,
  WebhookEventSchema,
} from '@parley/shared';
import type { z } from 'zod';

export const NAMED_MODELS: Record<string, z.ZodType> = {
  ApiError: ApiErrorSchema,
  Conversation: ConversationSchema,
  Message: MessageSchema,
  Contact: ContactSchema,
  ContactDetail: ContactDetailSchema,
  Ticket: TicketSchema,
  TicketEvent: TicketEventSchema,
  TicketWithTimeline: TicketWithTimelineSchema,
  Agent: AgentSchema,
  Department: DepartmentSchema,
  KbArticleSummary: KbArticleSummarySchema,
  KbArticleView: KbArticleViewSchema,
  AnalyticsReport: AnalyticsReportSchema,
  ApiToken: ApiTokenSchema,
  CreatedApiToken: CreatedApiTokenSchema,
  WebhookEndpoint: WebhookEndpointSchema,
  WebhookEndpointWithSecret: WebhookEndpointWithSecretSchema,
  WebhookDelivery: WebhookDeliverySchema,
};

/** `conversation.created` -> `ConversationCreated`. */
export const pascalCase = (text: string): string =>
  text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]?.toUpperCase() + word.slice(1))
    .join('');

/** Each webhook event type with the schema of its body. */
export function webhookEventModels(): { type: string; model: string; schema: z.ZodType }[] {
  return WebhookEventSchema.options.map((schema) => {
    const type = schema.shape.type.value;
    return { type, model: `${pascalCase(type)}Event`, schema };
  });
}
