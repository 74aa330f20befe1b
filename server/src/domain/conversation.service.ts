/** Conversations and their messages, as seen by visitors and by agents. */
import type {
  Agent,
  AgentMessageSend,
  Conversation,
  ConversationWithMessages,
  Message,
  VisitorMessageSend,
} from '@parley/shared';
import type { Store, Visitor } from '../store/store';
import type { Broadcaster } from './broadcaster.port';
import { DomainError } from './domain-error';

export interface ConversationServiceDeps {
  store: Store;
  broadcaster: Broadcaster;
}

const notFound = () => new DomainError('CONVERSATION_NOT_FOUND', 'This conversation does not exist.');

export function createConversationService({ store, broadcaster }: ConversationServiceDeps) {
  /** Agents see only their own site's conversations; any other id answers like a missing one. */
  async function conversationForAgent(agent: Agent, conversationId: string): Promise<Conversation> {
    const conversation = await store.findConversation(conversationId);
    if (!conversation || conversation.siteId !== agent.siteId) throw notFound();
    return conversation;
  }

  async function withMessages(conversation: Conversation, afterSeq = 0): Promise<ConversationWithMessages> {
    const messages = await store.listMessages({ conversationId: conversation.id, afterSeq });
    return { conversation, messages };
  }

  return {
    /** The visitor's current conversation (or the last one, resolved) with messages after `afterSeq`. */
    async visitorHistory(visitor: Visitor, afterSeq = 0): Promise<ConversationWithMessages | null> {
      const conversation =
        (await store.findOpenConversation(visitor.siteId, visitor.id)) ??
        (await store.findLatestConversation(visitor.siteId, visitor.id));
      return conversation ? withMessages(conversation, afterSeq) : null;
    },

    /** Stores the visitor's message once (retries return the stored one), opening a conversation if needed. */
    async visitorSend(visitor: Visitor, input: VisitorMessageSend): Promise<Message> {
      const opened = await store.openConversation({
        siteId: visitor.siteId,
        visitorId: visitor.id,
        visitorName: visitor.name,
        locale: visitor.locale,
      });
      const { message, created } = await store.appendMessage({
        conversationId: opened.conversation.id,
        clientId: input.clientId,
        author: { kind: 'visitor', id: visitor.id, name: visitor.name },
        text: input.text,
      });
      if (created) {
        const conversation = (await store.findConversation(opened.conversation.id)) ?? opened.conversation;
        if (opened.created) broadcaster.conversationUpdated(conversation);
        broadcaster.messageCreated(conversation, message);
      }
      return message;
    },

    visitorTyping(visitor: Visitor, typing: boolean): void {
      void store.findOpenConversation(visitor.siteId, visitor.id).then((conversation) => {
        if (!conversation) return;
        broadcaster.typingChanged(conversation, {
          conversationId: conversation.id, who: 'visitor', name: visitor.name, typing,
        });
      });
    },

    async agentList(agent: Agent): Promise<Conversation[]> {
      return store.listConversations({ siteId: agent.siteId, statuses: ['queued', 'assigned'] });
    },

    async agentOpen(agent: Agent, conversationId: string): Promise<ConversationWithMessages> {
      return withMessages(await conversationForAgent(agent, conversationId));
    },

    async agentClaim(agent: Agent, conversationId: string): Promise<Conversation> {
      const conversation = await conversationForAgent(agent, conversationId);
      if (conversation.status === 'assigned' && conversation.assignedAgentId === agent.id) return conversation;
      const claimed = await store.claimConversation({ conversationId, agentId: agent.id });
      if (!claimed) {
        throw conversation.status === 'resolved'
          ? new DomainError('CONVERSATION_CLOSED', 'This conversation is already resolved.')
          : new DomainError('ALREADY_ASSIGNED', 'Another agent has taken this conversation.');
      }
      broadcaster.conversationUpdated(claimed);
      return claimed;
    },

    /** An agent's reply; replying to a queued conversation claims it first. */
    async agentSend(agent: Agent, input: AgentMessageSend): Promise<Message> {
      let conversation = await conversationForAgent(agent, input.conversationId);
      if (conversation.status === 'resolved') {
        throw new DomainError('CONVERSATION_CLOSED', 'This conversation is resolved; reopen it to reply.');
      }
      if (conversation.status === 'queued') conversation = await this.agentClaim(agent, conversation.id);
      if (conversation.assignedAgentId !== agent.id && agent.role !== 'admin') {
        throw new DomainError('ALREADY_ASSIGNED', 'Another agent is handling this conversation.');
      }
      const { message, created } = await store.appendMessage({
        conversationId: conversation.id,
        clientId: input.clientId,
        author: { kind: 'agent', id: agent.id, name: agent.name },
        text: input.text,
      });
      if (created) {
        broadcaster.messageCreated((await store.findConversation(conversation.id)) ?? conversation, message);
      }
      return message;
    },

    async agentResolve(agent: Agent, conversationId: string): Promise<Conversation> {
      await conversationForAgent(agent, conversationId);
      const resolved = await store.resolveConversation(conversationId);
      if (!resolved) throw new DomainError('CONVERSATION_CLOSED', 'This conversation is already resolved.');
      broadcaster.conversationUpdated(resolved);
      return resolved;
    },

    async agentTyping(agent: Agent, conversationId: string, typing: boolean): Promise<void> {
      const conversation = await conversationForAgent(agent, conversationId);
      broadcaster.typingChanged(conversation, { conversationId, who: 'agent', name: agent.name, typing });
    },
  };
}

export type ConversationService = ReturnType<typeof createConversationService>;
