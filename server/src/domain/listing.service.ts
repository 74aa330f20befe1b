/**
 * What the REST API lists and reads, page by page: conversations and their messages, contacts,
 * tickets, agents, departments and articles, always within the caller's site. Pages follow an
 * opaque cursor (the last row's sort key and id), so inserts never shift or repeat rows.
 */
import type {
  Agent,
  ApiKbArticleListQuery,
  ApiTicketListQuery,
  ContactDetail,
  Conversation,
  ConversationListQuery,
  Department,
  KbArticleSummary,
  Message,
  MessageListQuery,
  ContactListQuery,
  Page,
  PageQuery,
  Ticket,
} from '@parley/shared';
import type { Store, Visitor } from '../store/store';
import type { AgentAdminService } from './agent-admin.service';
import { decodeCursor, pageFrom, pageInMemory } from './cursor';
import { DomainError } from './domain-error';
import type { KnowledgeBaseService } from './knowledge-base.service';

export interface ListingServiceDeps {
  store: Store;
  admin: AgentAdminService;
  kb: KnowledgeBaseService;
  now?: () => Date;
}

/** As the console's ticket list judges "breaching soon". */
const BREACHING_SOON_MINUTES = 60;
const utc = (iso: string | undefined) => (iso === undefined ? undefined : new Date(iso).toISOString());

export function createListingService({ store, admin, kb, now = () => new Date() }: ListingServiceDeps) {
  async function conversationOfSite(actor: Agent, id: string): Promise<Conversation> {
    const conversation = await store.findConversation(id);
    if (!conversation || conversation.siteId !== actor.siteId) {
      throw new DomainError('CONVERSATION_NOT_FOUND', 'This conversation does not exist.');
    }
    return conversation;
  }

  return {
    async conversations(actor: Agent, query: ConversationListQuery): Promise<Page<Conversation>> {
      const order = 'conversations:created_desc';
      const rows = await store.pageConversations({
        siteId: actor.siteId, statuses: query.status, agentId: query.agentId, departmentId: query.departmentId,
        createdFrom: utc(query.createdFrom), createdTo: utc(query.createdTo),
        after: decodeCursor(order, query.cursor), limit: query.limit + 1,
      });
      return pageFrom(rows, { limit: query.limit, order, keyOf: (c) => c.createdAt });
    },

    conversation: conversationOfSite,

    async messages(actor: Agent, conversationId: string, query: MessageListQuery): Promise<Page<Message>> {
      await conversationOfSite(actor, conversationId);
      const order = `messages:${conversationId}`;
      const after = decodeCursor(order, query.cursor);
      const afterSeq = after ? Number(after.key) : 0;
      if (!Number.isInteger(afterSeq) || afterSeq < 0) throw new DomainError('VALIDATION_FAILED', 'cursor: not a cursor of this list.');
      const rows = await store.listMessages({
        conversationId, afterSeq, limit: query.limit + 1, includeInternal: query.includeInternal === 'true',
      });
      return pageFrom(rows, { limit: query.limit, order, keyOf: (m) => String(m.seq) });
    },

    async contacts(actor: Agent, query: ContactListQuery): Promise<Page<Visitor>> {
      const order = 'contacts:created_desc';
      const rows = await store.pageVisitors({
        siteId: actor.siteId, email: query.email, after: decodeCursor(order, query.cursor), limit: query.limit + 1,
      });
      return pageFrom(rows, { limit: query.limit, order, keyOf: (v) => v.createdAt });
    },

    async contact(actor: Agent, visitorId: string): Promise<ContactDetail> {
      const contact = await store.findVisitorById(visitorId);
      if (!contact || contact.siteId !== actor.siteId) throw new DomainError('NOT_FOUND', 'There is no such contact.');
      const [conversations, tickets] = await Promise.all([
        store.listVisitorConversations(actor.siteId, visitorId),
        store.listVisitorTickets(actor.siteId, visitorId),
      ]);
      return { contact, conversations, tickets };
    },

    async tickets(actor: Agent, query: ApiTicketListQuery): Promise<Page<Ticket>> {
      const { cursor, limit, ...filters } = query;
      const order = `tickets:${query.sort}`;
      const rows = await store.pageTickets({
        ...filters, siteId: actor.siteId, agentId: actor.id, now: now().toISOString(),
        breachingWithinMinutes: BREACHING_SOON_MINUTES, after: decodeCursor(order, cursor), limit: limit + 1,
      });
      const keyOf = query.sort === 'updated_desc' ? (t: Ticket) => t.updatedAt : (t: Ticket) => t.createdAt;
      return pageFrom(rows, { limit, order, keyOf });
    },

    async agents(actor: Agent, query: PageQuery): Promise<Page<Agent>> {
      const agents = await admin.listAgents(actor);
      return pageInMemory(agents, { ...query, order: 'agents:name', keyOf: (a) => a.name });
    },

    async agent(actor: Agent, agentId: string): Promise<Agent> {
      const agent = await store.findAgentById(agentId);
      if (!agent || agent.siteId !== actor.siteId) throw new DomainError('AGENT_NOT_FOUND', 'There is no such agent.');
      return agent;
    },

    async departments(actor: Agent, query: PageQuery): Promise<Page<Department>> {
      const departments = await admin.listDepartments(actor);
      return pageInMemory(departments, { ...query, order: 'departments:name', keyOf: (d) => d.name });
    },

    async articles(actor: Agent, query: ApiKbArticleListQuery): Promise<Page<KbArticleSummary>> {
      const { cursor, limit, ...filters } = query;
      const articles = await kb.listArticles(actor, filters);
      return pageInMemory(articles, { cursor, limit, order: 'articles:updated_desc', keyOf: (a) => a.updatedAt, descending: true });
    },
  };
}

export type ListingService = ReturnType<typeof createListingService>;
