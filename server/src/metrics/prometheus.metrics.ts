/** The metrics port over prom-client: one registry per app, default process metrics included. */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { MetricsEndpoint, QueueLength, ServerMetrics, SocketNamespaceLabel } from './metrics.port';

// Loopback delivery is sub-millisecond when idle; the top buckets catch a saturated event loop or store.
const DELIVERY_BUCKETS_SECONDS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export type PrometheusMetrics = ServerMetrics & MetricsEndpoint;

export function createPrometheusMetrics(): PrometheusMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const connectionSources = new Map<SocketNamespaceLabel, () => number>();
  let readQueues: (() => Promise<readonly QueueLength[]>) | null = null;

  new Gauge({
    name: 'parley_socket_connections',
    help: 'Socket.IO connections held by this process, per namespace.',
    labelNames: ['namespace'],
    registers: [registry],
    collect() {
      for (const [namespace, count] of connectionSources) this.set({ namespace }, count());
    },
  });
  new Gauge({
    name: 'parley_queue_length',
    help: 'Conversations waiting for an agent, per site (shared store: the same on every process).',
    labelNames: ['site'],
    registers: [registry],
    async collect() {
      this.reset();
      if (!readQueues) return;
      // A store that cannot answer leaves the series absent for this scrape rather than failing the scrape.
      const queues = await readQueues().catch(() => []);
      for (const { siteId, length } of queues) this.set({ site: siteId }, length);
    },
  });
  const delivery = new Histogram({
    name: 'parley_message_delivery_seconds',
    help: 'From a message:send arriving on a socket to its message:new broadcast, by the sender namespace.',
    labelNames: ['namespace'],
    buckets: DELIVERY_BUCKETS_SECONDS,
    registers: [registry],
  });
  const errors = new Counter({
    name: 'parley_errors_total',
    help: 'Errors answered to clients, by transport and shared error code.',
    labelNames: ['transport', 'code'],
    registers: [registry],
  });

  return {
    watchConnections(namespace, count) {
      connectionSources.set(namespace, count);
    },
    watchQueueLength(read) {
      readQueues = read;
    },
    observeDelivery(namespace, seconds) {
      delivery.observe({ namespace }, seconds);
    },
    countError(transport, code) {
      errors.inc({ transport, code });
    },
    contentType: registry.contentType,
    render: () => registry.metrics(),
  };
}
