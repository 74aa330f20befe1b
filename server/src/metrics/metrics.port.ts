/** What the server reports about itself, as a port: transports call it, prom-client stays behind it. */

export type SocketNamespaceLabel = 'visitor' | 'agent';
export type ErrorTransport = 'socket' | 'http';

export interface QueueLength {
  siteId: string;
  length: number;
}

export interface ServerMetrics {
  /** Read at scrape time: the sockets this process holds in a namespace. */
  watchConnections(namespace: SocketNamespaceLabel, count: () => number): void;
  /**
   * Read at scrape time: conversations waiting per site. The queue lives in the shared store, so
   * every process reports the same figure (aggregate with max, not sum).
   */
  watchQueueLength(read: () => Promise<readonly QueueLength[]>): void;
  /** Seconds from a `message:send` arriving on a socket to its `message:new` broadcast. */
  observeDelivery(namespace: SocketNamespaceLabel, seconds: number): void;
  /** An error answered to a client, by its shared error code. */
  countError(transport: ErrorTransport, code: string): void;
}

/** The text a scraper reads at GET /metrics. */
export interface MetricsEndpoint {
  contentType: string;
  render(): Promise<string>;
}
