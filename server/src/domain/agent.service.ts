/** Agents as the rest of the system sees them: presence for now; directory and roles grow here. */
import type { Agent, AgentStatus } from '@parley/shared';
import type { Store } from '../store/store';
import { DomainError } from './domain-error';

export function createAgentService({ store }: { store: Store }) {
  return {
    async setStatus(agent: Agent, status: AgentStatus): Promise<Agent> {
      const updated = await store.setAgentStatus(agent.id, status);
      if (!updated) throw new DomainError('AGENT_NOT_FOUND', 'This agent no longer exists.');
      return updated;
    },
  };
}

export type AgentService = ReturnType<typeof createAgentService>;
