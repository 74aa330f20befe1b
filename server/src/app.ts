/** The composition root: builds services over a store, the HTTP app and the Socket.IO server. */
import { AGENT_NAMESPACE, VISITOR_NAMESPACE } from '@parley/shared';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { Server } from 'socket.io';
import { createAgentService } from './domain/agent.service';
import { createAuthService } from './domain/auth.service';
import { createConversationService } from './domain/conversation.service';
import { createVisitorService } from './domain/visitor.service';
import { createHttpApp } from './http/http.app';
import type { StaticRoots } from './http/static.router';
import { registerAgentNamespace } from './realtime/agent.namespace';
import { createSocketBroadcaster } from './realtime/socket.broadcaster';
import type { AgentNamespace, ParleyServer, VisitorNamespace } from './realtime/types';
import { registerVisitorNamespace } from './realtime/visitor.namespace';
import type { Store } from './store/store';

export interface ParleyAppOptions {
  store: Store;
  logger: Logger;
  staticRoots: StaticRoots;
  publicUrl: string;
  sessionTtlMs: number;
}

export interface ParleyApp {
  httpServer: http.Server;
  io: ParleyServer;
  listen(port: number, host: string): Promise<AddressInfo>;
  /** Stops accepting, disconnects every socket, then closes the store. */
  close(): Promise<void>;
}

// Socket payloads are small JSON; a larger frame is refused before it is parsed.
const MAX_SOCKET_FRAME_BYTES = 64 * 1024;

export function createParleyApp(options: ParleyAppOptions): ParleyApp {
  const { store, logger } = options;
  const auth = createAuthService({ store, sessionTtlMs: options.sessionTtlMs });
  const visitors = createVisitorService({ store });
  const agents = createAgentService({ store });

  const app = createHttpApp({
    store, auth, logger, staticRoots: options.staticRoots, publicUrl: options.publicUrl, isReady: () => true,
  });
  const httpServer = http.createServer(app);
  const io: ParleyServer = new Server(httpServer, {
    maxHttpBufferSize: MAX_SOCKET_FRAME_BYTES,
    serveClient: false,
    cors: { origin: true, credentials: false },
  });
  const visitorNamespace: VisitorNamespace = io.of(VISITOR_NAMESPACE);
  const agentNamespace: AgentNamespace = io.of(AGENT_NAMESPACE);
  const broadcaster = createSocketBroadcaster(visitorNamespace, agentNamespace);
  const conversations = createConversationService({ store, broadcaster });

  registerVisitorNamespace({ namespace: visitorNamespace, visitors, conversations, logger });
  registerAgentNamespace({ namespace: agentNamespace, auth, conversations, agents, logger });

  return {
    httpServer,
    io,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => resolve(httpServer.address() as AddressInfo));
      });
    },
    async close() {
      await new Promise<void>((resolve) => {
        io.close(() => resolve());
      });
      httpServer.closeAllConnections();
      await store.close();
    },
  };
}
