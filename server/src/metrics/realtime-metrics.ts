/** Wires the metrics port to the two Socket.IO namespaces and the store's queues. */
import type { Broadcaster } from '../domain/broadcaster.port';
import type { AgentNamespace, VisitorNamespace } from '../realtime/types';
import type { Store } from '../store/store';
import type { QueueLength, ServerMetrics } from './metrics.port';
import { createSocketInstrumentation } from './socket-instrumentation';

export interface RealtimeMetricsDeps {
  metrics: ServerMetrics;
  visitorNamespace: VisitorNamespace;
  agentNamespace: AgentNamespace;
  store: Store;
}

async function queueLengths(store: Store): Promise<QueueLength[]> {
  const sites = await store.listSites();
  return Promise.all(
    sites.map(async (site) => ({ siteId: site.id, length: (await store.listQueue(site.id)).length })),
  );
}

/** Starts counting; returns the decorator that times deliveries on the app's broadcaster. */
export function instrumentRealtime(deps: RealtimeMetricsDeps): {
  timeBroadcasts(broadcaster: Broadcaster): Broadcaster;
} {
  const { metrics, visitorNamespace, agentNamespace, store } = deps;
  const instrumentation = createSocketInstrumentation(metrics);
  visitorNamespace.on('connection', (socket) =>
    void socket.use(instrumentation.packetMiddleware('visitor', () => socket.data.visitor?.id)));
  agentNamespace.on('connection', (socket) =>
    void socket.use(instrumentation.packetMiddleware('agent', () => socket.data.agent?.id)));
  metrics.watchConnections('visitor', () => visitorNamespace.sockets.size);
  metrics.watchConnections('agent', () => agentNamespace.sockets.size);
  metrics.watchQueueLength(() => queueLengths(store));
  return instrumentation;
}
