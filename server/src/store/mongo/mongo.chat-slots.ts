/**
 * Agent capacity on MongoDB. SQL can count an agent's chats inside the UPDATE that assigns one;
 * a MongoDB update sees one document only. So each assignment first reserves a named slot on the
 * agent's document with a conditional update ("fewer than maxChats slots"), then runs the
 * conversation's compare-and-set, and gives the slot back if that lost. Releasing is by token,
 * so a retry or a racing assignment can never free someone else's slot.
 */
import type { Model } from 'mongoose';
import { newId } from '../../tokens';
import type { AgentDoc, ConversationDoc } from './mongo.documents';

/**
 * A reservation older than this whose conversation does not hold it was left by a process that
 * died between the two steps; it is reclaimed when it would refuse an assignment.
 */
const ABANDONED_AFTER_MS = 60_000;

export interface ChatSlots {
  /** A token for the new slot, or null when the agent is missing or holds `maxChats` already. */
  reserve(input: { agentId: string; conversationId: string; maxChats: number | null }): Promise<string | null>;
  release(agentId: string, token: string | null): Promise<void>;
}

export function chatSlots(models: { agents: Model<AgentDoc>; conversations: Model<ConversationDoc> }): ChatSlots {
  const { agents, conversations } = models;

  async function tryReserve(agentId: string, conversationId: string, maxChats: number | null): Promise<string | null> {
    if (maxChats !== null && maxChats < 1) return null;
    const token = newId();
    // `chatSlots.<n-1>` not existing means the array has fewer than n entries.
    const underCapacity = maxChats === null ? {} : { [`chatSlots.${maxChats - 1}`]: { $exists: false } };
    const result = await agents.updateOne(
      { _id: agentId, ...underCapacity },
      { $push: { chatSlots: { conversationId, token, at: new Date() } } },
    );
    return result.matchedCount === 1 ? token : null;
  }

  /** Drops this agent's abandoned reservations; true when any was dropped. */
  async function reclaimAbandoned(agentId: string): Promise<boolean> {
    const agent = await agents.findById(agentId, { chatSlots: 1 }).lean<Pick<AgentDoc, 'chatSlots'>>();
    const cutoff = Date.now() - ABANDONED_AFTER_MS;
    const old = (agent?.chatSlots ?? []).filter((slot) => slot.at.getTime() < cutoff).map((slot) => slot.token);
    if (old.length === 0) return false;
    const held = await conversations
      .find({ slotToken: { $in: old }, status: 'assigned', assignedAgentId: agentId }, { slotToken: 1 })
      .lean<Pick<ConversationDoc, 'slotToken'>[]>();
    const heldTokens = new Set(held.map((c) => c.slotToken));
    const abandoned = old.filter((token) => !heldTokens.has(token));
    if (abandoned.length === 0) return false;
    await agents.updateOne({ _id: agentId }, { $pull: { chatSlots: { token: { $in: abandoned } } } });
    return true;
  }

  return {
    async reserve({ agentId, conversationId, maxChats }) {
      const token = await tryReserve(agentId, conversationId, maxChats);
      if (token !== null || maxChats === null) return token;
      return (await reclaimAbandoned(agentId)) ? tryReserve(agentId, conversationId, maxChats) : null;
    },
    async release(agentId, token) {
      if (token === null) return;
      await agents.updateOne({ _id: agentId }, { $pull: { chatSlots: { token } } });
    },
  };
}
