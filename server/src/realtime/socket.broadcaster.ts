/** The Broadcaster port over Socket.IO rooms; with the Redis adapter it reaches every process. */
import type { CannedReply, Conversation, ConversationActivity, Message } from '@parley/shared';
import type { Broadcaster, TeamBroadcaster } from '../domain/broadcaster.port';
import { visitorViewOf } from '../domain/conversation-visitor-view';
import { createActivityDigest } from './conversation-activity.digest';
import { rooms, type AgentNamespace, type VisitorNamespace } from './types';

/** How often agents who neither handle nor watch a chat hear that it moved. */
export const ACTIVITY_DIGEST_INTERVAL_MS = 1000;

/** The consoles that get every message of an assigned chat: its agent, invitees, and whoever opened it. */
const messageReaders = (conversation: Conversation): string[] => [
  rooms.agent(conversation.assignedAgentId ?? ''),
  ...conversation.participantAgentIds.map(rooms.agent),
  rooms.conversationWatchers(conversation.id),
];

/**
 * A line saying a chat went back to the queue unanswered is news for the agent who lost it, even when
 * the chat is someone else's by the time it is written (another process may have assigned it first).
 */
const readersOf = (conversation: Conversation, message: Message): string[] =>
  message.event?.type === 'unanswered'
    ? [...messageReaders(conversation), rooms.agent(message.event.agentId)]
    : messageReaders(conversation);

/** Where the activity digest reads the conversations it sends, as they are when it goes out. */
export interface ActivitySource {
  findConversation(id: string): Promise<Conversation | null>;
  onLoadError(error: unknown): void;
}

/** A conversation's digest entry: its latest message's number, time and preview, and whether a reply is owed. */
const activityOf = (conversation: Conversation): ConversationActivity => ({
  conversationId: conversation.id,
  lastSeq: conversation.lastSeq,
  updatedAt: conversation.lastMessageAt ?? conversation.updatedAt,
  awaitingAgentSince: conversation.awaitingAgentSince,
  lastMessagePreview: conversation.lastMessagePreview,
});

/** Who may see a canned reply: its owner's consoles when it is personal, else the site's agents. */
const cannedAudience = (reply: CannedReply): string =>
  reply.ownerAgentId ? rooms.agent(reply.ownerAgentId) : rooms.siteAgents(reply.siteId);

export function createSocketBroadcaster(
  visitors: VisitorNamespace,
  agents: AgentNamespace,
  activitySource: ActivitySource,
): Broadcaster & TeamBroadcaster {
  const digest = createActivityDigest({
    load: async (conversationIds) => {
      const found = await Promise.all(conversationIds.map((id) => activitySource.findConversation(id)));
      return found.flatMap((conversation) => (conversation ? [activityOf(conversation)] : []));
    },
    onLoadError: activitySource.onLoadError,
    intervalMs: ACTIVITY_DIGEST_INTERVAL_MS,
    send: (siteId, activity) => agents.to(rooms.siteAgents(siteId)).emit('conversation:activity', activity),
  });
  return {
    messageCreated(conversation, message, origin) {
      if (!message.internal) {
        // The sending tab has the message in its acknowledgement; one frame fewer per message.
        const visitorTabs = visitors.to(rooms.visitor(conversation.visitorId));
        (origin === undefined ? visitorTabs : visitorTabs.except(origin)).emit('message:new', message);
      }
      // A waiting chat is everyone's business; an assigned one only its readers' (each console
      // receiving every message of a busy site is what kept the relay from scaling).
      if (conversation.status !== 'assigned' || !conversation.assignedAgentId) {
        agents.to(rooms.siteAgents(conversation.siteId)).emit('message:new', message);
        return;
      }
      agents.to(readersOf(conversation, message)).emit('message:new', message);
      // A system line (a transfer, an invitation) is not news for the other consoles' chat lists: the
      // change itself reached them as conversation:updated, and the chat's latest message is unchanged.
      if (message.event) return;
      digest.note(conversation.siteId, conversation.id);
    },
    conversationUpdated(conversation) {
      visitors.to(rooms.visitor(conversation.visitorId)).emit('conversation:updated', visitorViewOf(conversation));
      agents.to(rooms.siteAgents(conversation.siteId)).emit('conversation:updated', conversation);
    },
    typingChanged(conversation, notice) {
      if (notice.who === 'visitor') {
        agents.to(rooms.siteAgents(conversation.siteId)).emit('typing', notice);
      } else {
        visitors.to(rooms.visitor(conversation.visitorId)).emit('typing', notice);
      }
    },
    queuePosition(conversation, position) {
      visitors.to(rooms.visitor(conversation.visitorId)).emit('queue:position', position);
    },
    agentUpdated(agent) {
      agents.to(rooms.siteAgents(agent.siteId)).emit('agent:updated', agent);
    },
    visitorTicketCreated(conversation, receipt) {
      visitors.to(rooms.visitor(conversation.visitorId)).emit('ticket:created', receipt);
    },
    readStateChanged(conversation, state) {
      visitors.to(rooms.visitor(conversation.visitorId)).emit('conversation:read', state);
      agents.to(rooms.siteAgents(conversation.siteId)).emit('conversation:read', state);
    },
    ticketUpdated(ticket) {
      agents.to(rooms.siteAgents(ticket.siteId)).emit('ticket:updated', ticket);
    },
    contactErased(siteId, notice) {
      agents.to(rooms.siteAgents(siteId)).emit('contact:erased', notice);
    },
    visitorUpdated(visitor) {
      agents.to(rooms.siteAgents(visitor.siteId)).emit('visitor:updated', visitor);
    },
    siteAvailabilityChanged(siteId, availability) {
      visitors.to(rooms.siteVisitors(siteId)).emit('site:availability', availability);
    },
    cannedReplySaved(reply) {
      agents.to(cannedAudience(reply)).emit('canned:saved', reply);
    },
    cannedReplyDeleted(reply) {
      agents.to(cannedAudience(reply)).emit('canned:deleted', { id: reply.id });
    },
    departmentSaved(department) {
      agents.to(rooms.siteAgents(department.siteId)).emit('department:saved', department);
    },
    departmentDeleted({ id, siteId }) {
      agents.to(rooms.siteAgents(siteId)).emit('department:deleted', { id });
    },
  };
}
