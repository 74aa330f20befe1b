/** Opens the real Socket.IO connection to /agent on the page's own origin. */
import type { AGENT_NAMESPACE as SharedNamespace } from '@parley/shared';
import { io } from 'socket.io-client';
import { createAgentConnection, type AgentConnection, type AgentSocket } from './agent-connection';

// Typed against the shared constant, but not imported as a value: that would pull the shared
// index (and zod with it) into the bundle. A rename in shared/ breaks this line at compile time.
const AGENT_NAMESPACE: typeof SharedNamespace = '/agent';

export function openAgentSocket(token: string): AgentConnection {
  const socket: AgentSocket = io(AGENT_NAMESPACE, {
    auth: { token },
    // Long-polling first is only useful behind broken proxies; the console is for staff.
    transports: ['websocket', 'polling'],
  });
  return createAgentConnection(socket);
}
