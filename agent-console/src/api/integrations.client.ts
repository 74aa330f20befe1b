/** API tokens and webhook endpoints over REST (/api/admin), with an admin's own session token. */
import type {
  ApiToken,
  CreatedApiToken,
  NewApiToken,
  NewWebhookEndpoint,
  Page,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEndpointPatch,
  WebhookEndpointWithSecret,
} from '@parley/shared';
import { fetcher, requestJson, type JsonRequest } from './json-request';

export interface IntegrationsClient {
  listTokens(): Promise<ApiToken[]>;
  /** The answer holds the token itself: the only time anyone sees it. */
  createToken(input: NewApiToken): Promise<CreatedApiToken>;
  revokeToken(tokenId: string): Promise<ApiToken>;
  listWebhooks(): Promise<WebhookEndpoint[]>;
  /** The answer holds the signing secret: the only time anyone sees it. */
  createWebhook(input: NewWebhookEndpoint): Promise<WebhookEndpointWithSecret>;
  updateWebhook(endpointId: string, patch: WebhookEndpointPatch): Promise<WebhookEndpoint>;
  /** The old secret stops working; the answer holds the new one, shown once. */
  rotateWebhookSecret(endpointId: string): Promise<WebhookEndpointWithSecret>;
  /** Removes the endpoint and its delivery log. */
  deleteWebhook(endpointId: string): Promise<void>;
  sendTestEvent(endpointId: string): Promise<WebhookDelivery>;
  /** Newest first, one page. */
  listDeliveries(endpointId: string): Promise<Page<WebhookDelivery>>;
}

export function createIntegrationsClient(options: {
  token: string;
  baseUrl?: string;
  fetch?: typeof fetch;
}): IntegrationsClient {
  const doFetch = fetcher(options.fetch);
  const base = `${options.baseUrl ?? ''}/api/admin`;
  const request = <T>(path: string, init: Omit<JsonRequest, 'token'>) =>
    requestJson<T>(doFetch, `${base}${path}`, { ...init, token: options.token });
  const data = async <T>(path: string, init: Omit<JsonRequest, 'token'>) =>
    (await request<{ data: T }>(path, init)).data;
  const endpoint = (id: string) => `/webhooks/${encodeURIComponent(id)}`;

  return {
    listTokens: () => data('/api-tokens', { method: 'GET' }),
    createToken: (input) => data('/api-tokens', { method: 'POST', body: input }),
    revokeToken: (tokenId) => data(`/api-tokens/${encodeURIComponent(tokenId)}`, { method: 'DELETE' }),
    listWebhooks: () => data('/webhooks', { method: 'GET' }),
    createWebhook: (input) => data('/webhooks', { method: 'POST', body: input }),
    updateWebhook: (endpointId, patch) => data(endpoint(endpointId), { method: 'PATCH', body: patch }),
    rotateWebhookSecret: (endpointId) => data(`${endpoint(endpointId)}/rotate-secret`, { method: 'POST' }),
    deleteWebhook: (endpointId) => request(endpoint(endpointId), { method: 'DELETE' }),
    sendTestEvent: (endpointId) => data(`${endpoint(endpointId)}/test`, { method: 'POST' }),
    listDeliveries: (endpointId) => request(`${endpoint(endpointId)}/deliveries`, { method: 'GET' }),
  };
}
