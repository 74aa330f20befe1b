/**
 * When a conversation deserves a chime: it just came into the agent's view of work to do —
 * waiting in the queue or handed to them (auto-routing, transfer, an invitation) — from anywhere else.
 * Moving between the two (the agent claims a waiting chat, or it is handed back) is not news.
 */
import type { Conversation } from '@parley/shared';

function wantsMe(conversation: Conversation | undefined, agentId: string | null): boolean {
  if (!conversation) return false;
  if (conversation.status === 'queued') return true;
  if (conversation.status !== 'assigned' || !agentId) return false;
  return conversation.assignedAgentId === agentId || conversation.participantAgentIds.includes(agentId);
}

export function isNewChatForAgent(options: {
  before: Conversation | undefined;
  after: Conversation;
  agentId: string | null;
}): boolean {
  return !wantsMe(options.before, options.agentId) && wantsMe(options.after, options.agentId);
}
