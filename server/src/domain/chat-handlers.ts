/** Who may end, hand over or escalate an assigned chat: the agents handling it, or an admin. */
import type { Agent, Conversation } from '@parley/shared';
import { DomainError } from './domain-error';

/** One rule for resolving, transferring, inviting and escalating, so no action is a way around another's refusal. */
export function assertHelpingOrAdmin(agent: Agent, conversation: Conversation): void {
  const helping = conversation.assignedAgentId === agent.id || conversation.participantAgentIds.includes(agent.id);
  if (!helping && agent.role !== 'admin') {
    throw new DomainError('FORBIDDEN', 'Only the agent handling this conversation (or an admin) can do that.');
  }
}
