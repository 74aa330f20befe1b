/** The services the REST API calls; the composition root builds them, the route tables only call them. */
import type { AgentAdminService } from '../domain/agent-admin.service';
import type { AnalyticsService } from '../domain/analytics.service';
import { createApiTokenService, type ApiTokenService } from '../domain/api-token.service';
import type { AuthService } from '../domain/auth.service';
import type { Broadcaster } from '../domain/broadcaster.port';
import type { ConversationService } from '../domain/conversation.service';
import type { KnowledgeBaseService } from '../domain/knowledge-base.service';
import { createListingService, type ListingService } from '../domain/listing.service';
import { createTicketIntakeService, type TicketIntakeService } from '../domain/ticket-intake.service';
import type { TicketNotifier } from '../domain/ticket-notifier';
import type { TicketService } from '../domain/ticket.service';
import { createWebhookService, type WebhookService } from '../domain/webhook.service';
import type { Store } from '../store/store';
import type { WebhookDelivery } from '../webhooks/webhook-delivery';

/** Built in app.ts for the API alone. */
export interface PlatformServices {
  listing: ListingService;
  conversations: ConversationService;
  intake: TicketIntakeService;
  apiTokens: ApiTokenService;
  webhooks: WebhookService;
}

/** Everything the route tables call: the platform's own services and the ones the console's REST uses too. */
export interface ApiServices extends PlatformServices {
  auth: AuthService;
  admin: AgentAdminService;
  tickets: TicketService;
  analytics: AnalyticsService;
  kb: KnowledgeBaseService;
}

export interface PlatformServicesDeps {
  store: Store;
  broadcaster: Broadcaster;
  notifier: TicketNotifier;
  conversations: ConversationService;
  admin: AgentAdminService;
  kb: KnowledgeBaseService;
  webhooks: WebhookDelivery;
  now?: () => Date;
}

export function createPlatformServices(deps: PlatformServicesDeps): PlatformServices {
  const { store, now } = deps;
  return {
    listing: createListingService({ store, admin: deps.admin, kb: deps.kb, now }),
    conversations: deps.conversations,
    intake: createTicketIntakeService({ store, broadcaster: deps.broadcaster, notifier: deps.notifier, events: deps.webhooks.events, now }),
    apiTokens: createApiTokenService({ store, now }),
    webhooks: createWebhookService({ store, guard: deps.webhooks.guard, onQueued: () => deps.webhooks.dispatcher.kick(), now }),
  };
}
