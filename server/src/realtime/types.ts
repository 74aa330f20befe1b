/** Socket.IO's generics fed from the shared event maps: a wrong emit is a compile error. */
import type {
  Agent,
  AgentClientToServerEvents,
  AgentServerToClientEvents,
  InterServerEvents,
  VisitorClientToServerEvents,
  VisitorServerToClientEvents,
} from '@parley/shared';
import type { Namespace, Server, Socket } from 'socket.io';
import type { Visitor } from '../store/store';

export interface VisitorSocketData {
  visitor: Visitor;
  /** The client's address as the rate limits count it (X-Forwarded-For behind a trusted proxy); null when unknown. */
  address: string | null;
}
export interface AgentSocketData {
  agent: Agent;
  /** The hash of the session token the console connected with (its room lets a password change spare it). */
  sessionHash: string;
  /** When that session ends: the console is let go then (see agent.namespace). */
  sessionExpiresAt: string;
}

export type ParleyServer = Server<Record<string, never>, Record<string, never>, InterServerEvents>;
export type VisitorNamespace = Namespace<
  VisitorClientToServerEvents, VisitorServerToClientEvents, InterServerEvents, VisitorSocketData
>;
export type AgentNamespace = Namespace<
  AgentClientToServerEvents, AgentServerToClientEvents, InterServerEvents, AgentSocketData
>;
export type VisitorSocket = Socket<
  VisitorClientToServerEvents, VisitorServerToClientEvents, InterServerEvents, VisitorSocketData
>;
export type AgentSocket = Socket<
  AgentClientToServerEvents, AgentServerToClientEvents, InterServerEvents, AgentSocketData
>;

/**
 * Room names: one per visitor (all their tabs), one per site's agents, one per agent, and one per
 * conversation for the agent consoles that opened it.
 */
export const rooms = {
  visitor: (visitorId: string) => `visitor:${visitorId}`,
  siteAgents: (siteId: string) => `site-agents:${siteId}`,
  siteVisitors: (siteId: string) => `site-visitors:${siteId}`,
  agent: (agentId: string) => `agent:${agentId}`,
  /** The consoles of one sign-in session. */
  session: (sessionHash: string) => `session:${sessionHash}`,
  conversationWatchers: (conversationId: string) => `conversation-watchers:${conversationId}`,
};
