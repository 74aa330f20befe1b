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
  return {
    adapter: createAdapter(client),
    async close() {
      await client.quit().catch(() => undefined);
    },
  };
}
