/** Who should answer a waiting conversation: pure rules, no I/O, so they are easy to test. */
import type { Agent } from '@parley/shared';
import type { AgentLoad, QueuedConversation } from '../store/store';

export interface RoutingCandidates {
  /** Active agents of the site; the policy filters presence itself. */
  agents: Agent[];
  loads: Map<string, AgentLoad>;
  defaultDepartmentId: string | null;
}

const primaryLanguage = (locale: string | null): string | null =>
  locale ? (locale.split('-')[0] ?? '').toLowerCase() || null : null;

function servesDepartment(agent: Agent, departmentId: string | null): boolean {
  return departmentId === null || agent.departmentIds.length === 0 || agent.departmentIds.includes(departmentId);
}

function hasFreeSlot(agent: Agent, loads: Map<string, AgentLoad>): boolean {
  return (loads.get(agent.id)?.activeChats ?? 0) < agent.maxChats;
}

/** Least loaded first; among equals, whoever was given a chat longest ago (round robin). */
function byLoadThenIdleTime(loads: Map<string, AgentLoad>) {
  return (a: Agent, b: Agent): number => {
    const la = loads.get(a.id);
    const lb = loads.get(b.id);
    const byLoad = (la?.activeChats ?? 0) - (lb?.activeChats ?? 0);
    if (byLoad !== 0) return byLoad;
    const ta = la?.lastAssignedAt ?? '';
    const tb = lb?.lastAssignedAt ?? '';
    if (ta !== tb) return ta < tb ? -1 : 1;
    return a.id < b.id ? -1 : 1;
  };
}

/** An agent with no languages set takes chats in any language, as the console tells admins ("Empty: any language"). */
const takesAnyLanguage = (agent: Agent) => agent.languages.length === 0;

/**
 * The agent to offer this conversation to, or null to keep it waiting. While an agent of its
 * department who lists the visitor's language is online, only those and the agents who take any
 * language may answer (a visitor waits for one of them rather than be answered in a language they may
 * not read); when none such is online, any online agent of the department. Agents who let it time
 * out are passed over while anyone else fits.
 */
export function chooseAgent(conversation: QueuedConversation, candidates: RoutingCandidates): Agent | null {
  const departmentId = conversation.departmentId ?? candidates.defaultDepartmentId;
  const online = candidates.agents.filter(
    (agent) => agent.active && agent.status === 'online' && servesDepartment(agent, departmentId),
  );
  const language = primaryLanguage(conversation.locale);
  const speakers = language ? online.filter((agent) => agent.languages.includes(language)) : [];
  const pool = speakers.length > 0 ? online.filter((agent) => speakers.includes(agent) || takesAnyLanguage(agent)) : online;
  const withRoom = pool.filter((agent) => hasFreeSlot(agent, candidates.loads));
  const fresh = withRoom.filter((agent) => !conversation.declinedAgentIds.includes(agent.id));
  const ranked = (fresh.length > 0 ? fresh : withRoom).sort(byLoadThenIdleTime(candidates.loads));
  return ranked[0] ?? null;
}

/** A rough wait estimate: the median recent wait per place in the queue, at least 30 s. */
export function estimateWaitSeconds(position: number, recentWaitsSeconds: number[]): number {
  const sorted = [...recentWaitsSeconds].sort((a, b) => a - b);
  const median = sorted.length > 0 ? (sorted[Math.floor(sorted.length / 2)] ?? 60) : 60;
  return Math.round(position * Math.max(30, median));
}
