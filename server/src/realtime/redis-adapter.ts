/**
 * Several Parley processes as one: Socket.IO's Redis Streams adapter carries broadcasts, room
 * queries (fetchSockets) and connection-state recovery between them.
 */
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Logger } from 'pino';
import { createClient } from 'redis';

export interface RedisAdapterConnection {
  adapter: ReturnType<typeof createAdapter>;
  close(): Promise<void>;
}

export async function connectRedisAdapter(url: string, logger: Logger): Promise<RedisAdapterConnection> {
  const client = createClient({
    url,
    // Keep retrying for ever: while Redis is away each process still serves its own sockets.
    socket: { reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 5000) },
  });
  let reportedDown = false;
  client.on('error', (error: unknown) => {
    if (!reportedDown) logger.warn({ err: error }, 'redis unavailable; serving local sockets only until it returns');
    reportedDown = true;
  });
  client.on('ready', () => {
    if (reportedDown) logger.info('redis is back');
    reportedDown = false;
  });
  await client.connect();
  const clusterAdapter = createAdapter(client);
  // While Redis is away a publish would wait in the client's offline queue, and the cluster adapter
  // delivers to local sockets only after it: broadcast locally then, so this process keeps serving
  // its own sockets. Other processes' clients catch up from history when they reconnect.
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
    async close() {
      await client.quit().catch(() => undefined);
    },
  };
}
