/** /admin/webhooks: endpoints, their delivery log, test events, secret rotation (admins). */
import {
  IdSchema,
  NewWebhookEndpointSchema,
  PageQuerySchema,
  WebhookDeliverySchema,
  WebhookEndpointPatchSchema,
  WebhookEndpointSchema,
  WebhookEndpointWithSecretSchema,
  dataSchemaOf,
  pageSchemaOf,
} from '@parley/shared';
import { z } from 'zod';
import type { ApiServices } from '../api-services';
import { NoContentSchema, defineRoute, type ApiRoute } from '../route-table';

const tags = ['Webhooks'];
const access = 'admin';
const EndpointParams = z.strictObject({ endpointId: IdSchema });

export function webhookRoutes({ webhooks }: ApiServices): ApiRoute[] {
  return [
    defineRoute({
      method: 'get', path: '/admin/webhooks', operationId: 'listWebhookEndpoints', tags, scope: 'read', access,
      summary: 'List webhook endpoints',
      response: z.object({ data: z.array(WebhookEndpointSchema) }),
      handle: async ({ caller }) => ({ data: await webhooks.list(caller.agent) }),
    }),
    defineRoute({
      method: 'post', path: '/admin/webhooks', operationId: 'createWebhookEndpoint', tags, scope: 'write', access, status: 201,
      summary: 'Register an endpoint; its signing secret is in this answer only',
      description:
        'The URL must resolve to public addresses only (every address, IPv4 and IPv6), unless `allowPrivateTargets` is true. ' +
        'It is checked again before every delivery.',
      body: NewWebhookEndpointSchema,
      response: dataSchemaOf(WebhookEndpointWithSecretSchema),
      handle: async ({ caller, body }) => ({ data: await webhooks.create(caller.agent, body) }),
    }),
    defineRoute({
      method: 'get', path: '/admin/webhooks/{endpointId}', operationId: 'getWebhookEndpoint', tags, scope: 'read', access,
      summary: 'Get a webhook endpoint',
      params: EndpointParams,
      response: dataSchemaOf(WebhookEndpointSchema),
      handle: async ({ caller, params }) => ({ data: await webhooks.get(caller.agent, params.endpointId) }),
    }),
    defineRoute({
      method: 'patch', path: '/admin/webhooks/{endpointId}', operationId: 'updateWebhookEndpoint', tags, scope: 'write', access,
      summary: 'Change the URL, events or description; enable or disable',
      params: EndpointParams,
      body: WebhookEndpointPatchSchema,
      response: dataSchemaOf(WebhookEndpointSchema),
      handle: async ({ caller, params, body }) => ({ data: await webhooks.update(caller.agent, params.endpointId, body) }),
    }),
    defineRoute({
      method: 'delete', path: '/admin/webhooks/{endpointId}', operationId: 'deleteWebhookEndpoint', tags, scope: 'write', access, status: 204,
      summary: 'Remove an endpoint and its delivery log',
      params: EndpointParams,
      response: NoContentSchema,
      handle: async ({ caller, params }) => {
        await webhooks.remove(caller.agent, params.endpointId);
        return undefined;
      },
    }),
    defineRoute({
      method: 'post', path: '/admin/webhooks/{endpointId}/rotate-secret', operationId: 'rotateWebhookSecret', tags, scope: 'write', access,
      summary: 'Replace the signing secret; the new one is in this answer only',
      params: EndpointParams,
      response: dataSchemaOf(WebhookEndpointWithSecretSchema),
      handle: async ({ caller, params }) => ({ data: await webhooks.rotateSecret(caller.agent, params.endpointId) }),
    }),
    defineRoute({
      method: 'post', path: '/admin/webhooks/{endpointId}/test', operationId: 'sendWebhookTestEvent', tags, scope: 'write', access, status: 202,
      summary: 'Queue a `webhook.test` event for this endpoint (enabled or not)',
      params: EndpointParams,
      response: dataSchemaOf(WebhookDeliverySchema),
      handle: async ({ caller, params }) => ({ data: await webhooks.sendTest(caller.agent, params.endpointId) }),
    }),
    defineRoute({
      method: 'get', path: '/admin/webhooks/{endpointId}/deliveries', operationId: 'listWebhookDeliveries', tags, scope: 'read', access,
      summary: 'The delivery log, newest first: status, response code, attempts, last error',
      params: EndpointParams,
      query: PageQuerySchema,
      response: pageSchemaOf(WebhookDeliverySchema),
      handle: ({ caller, params, query }) => webhooks.deliveries(caller.agent, params.endpointId, query),
    }),
  ];
}
