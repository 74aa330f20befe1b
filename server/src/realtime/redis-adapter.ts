/**
 * Several Parley processes as one: Socket.IO's Redis Streams adapter carries broadcasts, room
 * queries (fetchSockets) and connection-state recovery between them.
 */
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Logger } from 'pino';
import { createClient } from 'redis';
import type { ClusterLink } from './cluster-link';

export interface RedisAdapterConnection {
  adapter: ReturnType<typeof createAdapter>;
  link: ClusterLink;
  close(): Promise<void>;
}

/**
 * How long after Redis returns (or this process connects) counts across processes are trusted: the
 * adapter forgets a process it has not heard from for 10 s and learns of it again from its heartbeat
 * (every 5 s), and each process's client retries at most 5 s apart.
 */
export const CLUSTER_SETTLE_MS = 12_000;

export async function connectRedisAdapter(url: string, logger: Logger): Promise<RedisAdapterConnection> {
  const client = createClient({
    url,
    // Keep retrying for ever: while Redis is away each process still serves its own sockets.
    socket: { reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 5000) },
  });
  let reportedDown = false;
  let readySince = Date.now();
  const lostListeners: (() => void)[] = [];
  const tellLost = () => lostListeners.forEach((listener) => listener());
  client.on('error', (error: unknown) => {
    if (!reportedDown) logger.warn({ err: error }, 'redis unavailable; serving local sockets only until it returns');
    reportedDown = true;
  });
  client.on('ready', () => {
    readySince = Date.now();
    if (!reportedDown) return;
    logger.info('redis is back; telling clients to fetch what other processes sent meanwhile');
    reportedDown = false;
    tellLost();
    // Other processes may come back a little later, and broadcast only locally until then.
    setTimeout(() => client.isReady && tellLost(), CLUSTER_SETTLE_MS).unref();
  });
  await client.connect();
  readySince = Date.now();
  const link: ClusterLink = {
    countsAreComplete: () => client.isReady && Date.now() - readySince >= CLUSTER_SETTLE_MS,
    onBroadcastsLost: (listener) => void lostListeners.push(listener),
  };
  const clusterAdapter = createAdapter(client);
  // While Redis is away a publish would wait in the client's offline queue, and the cluster adapter
  // delivers to local sockets only after it: broadcast locally then, so this process keeps serving
  // its own sockets. Other processes' clients are told to catch up from the store when it returns.
  // A plain function, not an arrow: Socket.IO calls it with `new`, and gets the returned object.
  const adapter = function localWhileRedisIsAway(namespace: Parameters<typeof clusterAdapter>[0]) {
    const instance = clusterAdapter(namespace);
    const broadcastEverywhere = instance.broadcast.bind(instance);
    instance.broadcast = (packet, options) =>
      client.isReady
        ? broadcastEverywhere(packet, options)
        : broadcastEverywhere(packet, { ...options, flags: { ...options.flags, local: true } });
    return instance;
  } as typeof clusterAdapter;
  return {
    adapter,
    link,
    async close() {
      await client.quit().catch(() => undefined);
    },
  };
}
