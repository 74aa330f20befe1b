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
  /** Tells the consoles, and frees the chats of an agent gone offline or offers waiting chats to one back. */
  async function statusChanged(updated: Agent): Promise<Agent> {
    broadcaster.agentUpdated(updated);
    if (updated.status === 'offline') await routing.releaseAgentChats(updated);
    else await routing.routeSite(updated.siteId);
    return updated;
  }

  const service = {
    /** The agent's own choice: it lasts until they choose again, through reloads and restarts. */
    async setStatus(agent: Agent, status: AgentStatus): Promise<Agent> {
      const updated = await store.chooseAgentStatus(agent.id, status);
      if (!updated) throw new DomainError('AGENT_NOT_FOUND', 'This agent no longer exists.');
      return statusChanged(updated);
    },

    /**
     * A console connected: an agent offline because their consoles had gone comes back as they chose
     * (online or away); one who chose Offline stays offline. Their heartbeat starts either way.
     */
    async consoleOpened(agent: Agent): Promise<Agent> {
      const resumed = await store.resumeChosenStatus(agent.id, now().toISOString());
      if (resumed) return statusChanged(resumed);
      const current = await store.findAgentById(agent.id);
      if (!current) throw new DomainError('AGENT_NOT_FOUND', 'This agent no longer exists.');
      await store.touchAgents([agent.id], now().toISOString());
      return current;
    },

    /** The agent's last console closed (checked across every process by the caller); their choice is kept. */
    async lastConsoleClosed(agent: Agent): Promise<void> {
      const current = await store.findAgentById(agent.id);
      if (!current || current.status === 'offline') return;
      const updated = await store.setAgentStatus(agent.id, 'offline');
      if (updated) await statusChanged(updated);
    },

    /** Consoles of this process still answer. */
    async heartbeat(agentIds: string[]): Promise<void> {
      if (agentIds.length > 0) await store.touchAgents(agentIds, now().toISOString());
    },
  };
  return service;
}

export type PresenceService = ReturnType<typeof createPresenceService>;
