/** The Broadcaster port over Socket.IO rooms; with the Redis adapter it reaches every process. */
import type { Broadcaster } from '../domain/broadcaster.port';
import { rooms, type AgentNamespace, type VisitorNamespace } from './types';

export function createSocketBroadcaster(visitors: VisitorNamespace, agents: AgentNamespace): Broadcaster {
  return {
    messageCreated(conversation, message) {
      if (!message.internal) visitors.to(rooms.visitor(conversation.visitorId)).emit('message:new', message);
      agents.to(rooms.siteAgents(conversation.siteId)).emit('message:new', message);
    },
    conversationUpdated(conversation) {
      visitors.to(rooms.visitor(conversation.visitorId)).emit('conversation:updated', conversation);
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
  };
}
