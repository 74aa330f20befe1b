/** Agent presence: set by the agent, and by their consoles opening, closing or going silent. */
import type { Agent, AgentStatus } from '@parley/shared';
import type { Store } from '../store/store';
import type { Broadcaster } from './broadcaster.port';
import { DomainError } from './domain-error';
import type { RoutingService } from './routing.service';

export interface PresenceServiceDeps {
  store: Store;
  broadcaster: Broadcaster;
  routing: RoutingService;
  now?: () => Date;
}

export function createPresenceService({ store, broadcaster, routing, now = () => new Date() }: PresenceServiceDeps) {
  const service = {
    async setStatus(agent: Agent, status: AgentStatus): Promise<Agent> {
      const updated = await store.setAgentStatus(agent.id, status);
      if (!updated) throw new DomainError('AGENT_NOT_FOUND', 'This agent no longer exists.');
      broadcaster.agentUpdated(updated);
      if (status === 'offline') await routing.releaseAgentChats(updated);
      else await routing.routeSite(updated.siteId);
      return updated;
    },

    /** A console connected: an offline agent comes online; their heartbeat starts. */
    async consoleOpened(agent: Agent): Promise<Agent> {
      const current = await store.findAgentById(agent.id);
      if (!current) throw new DomainError('AGENT_NOT_FOUND', 'This agent no longer exists.');
      if (current.status !== 'offline') {
        await store.touchAgents([agent.id], now().toISOString());
        return current;
      }
      return service.setStatus(current, 'online');
    },

    /** The agent's last console closed (checked across every process by the caller). */
    async lastConsoleClosed(agent: Agent): Promise<void> {
      const current = await store.findAgentById(agent.id);
      if (current && current.status !== 'offline') await service.setStatus(current, 'offline');
    },

    /** Consoles of this process still answer. */
    async heartbeat(agentIds: string[]): Promise<void> {
      if (agentIds.length > 0) await store.touchAgents(agentIds, now().toISOString());
    },
  };
  return service;
}

export type PresenceService = ReturnType<typeof createPresenceService>;
