/** Every route of the public API and of its admin endpoints, in the order the reference lists them. */
import type { ApiServices } from './api-services';
import { apiTokenRoutes } from './admin/api-tokens.routes';
import { webhookRoutes } from './admin/webhooks.routes';
import type { ApiRoute } from './route-table';
import { analyticsRoutes } from './v1/analytics.routes';
import { contactRoutes } from './v1/contacts.routes';
import { conversationRoutes } from './v1/conversations.routes';
import { knowledgeBaseRoutes } from './v1/knowledge-base.routes';
import { teamRoutes } from './v1/team.routes';
import { ticketRoutes } from './v1/tickets.routes';

export function platformRoutes(services: ApiServices): ApiRoute[] {
  return [
    conversationRoutes, contactRoutes, ticketRoutes, knowledgeBaseRoutes, teamRoutes, analyticsRoutes, apiTokenRoutes, webhookRoutes,
  ].flatMap((routes) => routes(services));
}
