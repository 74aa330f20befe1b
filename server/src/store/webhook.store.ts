/** The webhook part of the storage seam: endpoints, and a durable queue of deliveries claimed under a lease. */
import type { WebhookDelivery, WebhookEndpoint, WebhookEventType } from '@parley/shared';

/** An endpoint with its signing secret, which only the store and the dispatcher ever hold. */
export interface WebhookEndpointRecord extends WebhookEndpoint {
  secret: string;
}

export interface NewWebhookEndpointRecord {
  siteId: string;
  url: string;
  description: string;
  events: WebhookEventType[];
  enabled: boolean;
  allowPrivateTargets: boolean;
  secret: string;
  createdByAgentId: string;
  at: string;
}

export type WebhookEndpointChanges = Partial<
  Pick<WebhookEndpointRecord, 'url' | 'description' | 'events' | 'enabled' | 'allowPrivateTargets' | 'secret'>
>;

/** An event as queued: the exact JSON body every attempt sends (and signs). */
export interface QueuedWebhookEvent {
  id: string;
  type: string;
  /** `JSON.stringify` of `{ id, type, createdAt, data }`. */
  payload: string;
}

/** A delivery a dispatcher holds under a lease, with the body to send. */
export interface ClaimedWebhookDelivery extends WebhookDelivery {
  siteId: string;
  payload: string;
}

export interface WebhookStore {
  createWebhookEndpoint(input: NewWebhookEndpointRecord): Promise<WebhookEndpointRecord>;
  /** Oldest first. */
  listWebhookEndpoints(siteId: string): Promise<WebhookEndpointRecord[]>;
  findWebhookEndpoint(id: string): Promise<WebhookEndpointRecord | null>;
  /** Null when the endpoint is missing or of another site. */
  updateWebhookEndpoint(input: { id: string; siteId: string; changes: WebhookEndpointChanges; at: string }): Promise<WebhookEndpointRecord | null>;
  /** Removes the endpoint and its delivery log; false when it is missing or of another site. */
  deleteWebhookEndpoint(input: { id: string; siteId: string }): Promise<boolean>;

  /**
   * Queues the event once for every enabled endpoint of the site subscribed to its type, due at
   * `at`. Returns how many deliveries were queued. `event` may be a function: it is called (the
   * body serialised) only when some endpoint subscribes, which for most events of most sites none does.
   */
  enqueueWebhookEvent(input: {
    siteId: string; type: WebhookEventType; event: QueuedWebhookEvent | (() => QueuedWebhookEvent); at: string;
  }): Promise<number>;
  /** Queues the event for one endpoint whatever it subscribes to (the "send test event" button). */
  enqueueWebhookDelivery(input: { endpointId: string; siteId: string; event: QueuedWebhookEvent; at: string }): Promise<WebhookDelivery>;
  /**
   * Takes up to `limit` deliveries that are pending and due, or `sending` under a lease that ran
   * out, and turns them `sending` under a new lease, counting one attempt. One conditional write
   * per delivery, so two dispatchers never hold the same one. Oldest due first.
   */
  claimDueWebhookDeliveries(claim: { now: string; leaseUntil: string; limit: number }): Promise<ClaimedWebhookDelivery[]>;
  /** The outcomes below are ignored unless the delivery is still `sending`. */
  markWebhookDelivered(id: string, outcome: { at: string; responseStatus: number }): Promise<void>;
  markWebhookRetry(id: string, outcome: { error: string; responseStatus: number | null; nextAttemptAt: string }): Promise<void>;
  markWebhookFailed(id: string, outcome: { error: string; responseStatus: number | null }): Promise<void>;
  /**
   * Deletes up to `limit` deliveries that ended (delivered or failed) and were queued before
   * `createdBefore`, oldest first; pending and sending ones stay whatever their age. How many went.
   */
  pruneWebhookDeliveries(input: { createdBefore: string; limit: number }): Promise<number>;
  /** One endpoint's log, newest first, after the (createdAt, id) of the previous page's last entry. */
  pageWebhookDeliveries(query: { endpointId: string; after: { key: string; id: string } | null; limit: number }): Promise<WebhookDelivery[]>;
}
