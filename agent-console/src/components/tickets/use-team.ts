/** The site's active agents and departments, sorted for menus, and names for ids. */
import type { Agent, Department } from '@parley/shared';
import { useLive } from '../../state/console-context';

export interface Team {
  agents: Agent[];
  departments: readonly Department[];
  agentName(agentId: string | null): string | null;
  departmentName(departmentId: string | null): string | null;
}

export function useTeam(): Team {
  const live = useLive();
  const byId = live.agents.byId.value;
  const departmentsById = live.departments.byId.value;
  return {
    agents: [...byId.values()].filter((a) => a.active).sort((a, b) => a.name.localeCompare(b.name)),
    departments: live.departments.list.value,
    agentName: (agentId) => (agentId ? (byId.get(agentId)?.name ?? null) : null),
    departmentName: (departmentId) =>
      departmentId ? (departmentsById.get(departmentId)?.name ?? null) : null,
  };
}
