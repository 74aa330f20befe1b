/** The site's agents as the console last heard of them (agent:list, then agent:updated). */
import type { Agent } from '@parley/shared';
import { computed, signal, type ReadonlySignal } from '@preact/signals';

export interface AgentsStore {
  byId: ReadonlySignal<ReadonlyMap<string, Agent>>;
  /** Colleagues who could take a chat now: active, online, not the agent themself. */
  availableColleagues: ReadonlySignal<Agent[]>;
  replaceAll(agents: Agent[]): void;
  upsert(agent: Agent): void;
}

export function createAgentsStore(me: ReadonlySignal<string | null>): AgentsStore {
  const byId = signal<ReadonlyMap<string, Agent>>(new Map());
  return {
    byId,
    availableColleagues: computed(() =>
      [...byId.value.values()]
        .filter((agent) => agent.active && agent.status === 'online' && agent.id !== me.value)
        .sort((a, b) => a.name.localeCompare(b.name)),
    ),
    replaceAll(agents) {
      byId.value = new Map(agents.map((agent) => [agent.id, agent]));
    },
    upsert(agent) {
      byId.value = new Map(byId.value).set(agent.id, agent);
    },
  };
}
