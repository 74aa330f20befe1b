/** Keyset pages over the records the REST API lists: stable under inserts, no offsets. */
import type { ApiTicketSort, Conversation, ConversationStatus, Ticket } from '@parley/shared';
import type { TicketSearch, Visitor } from './store';

/** Where the previous page ended: its last record's sort key and id (the tie-breaker). */
export interface KeysetAfter {
  key: string;
  id: string;
}

interface Paged {
  siteId: string;
  after: KeysetAfter | null;
  limit: number;
}

/** Newest first by (createdAt, id). `createdFrom` is included, `createdTo` is not (ISO UTC). */
export interface ConversationPageQuery extends Paged {
  statuses?: ConversationStatus[];
  agentId?: string;
  departmentId?: string;
  createdFrom?: string;
  createdTo?: string;
}

/** Newest first by (createdAt, id). */
export interface VisitorPageQuery extends Paged {
  email?: string;
}

/** The console's ticket filters; the key is updatedAt or createdAt as `sort` says. */
export interface TicketPageQuery extends Paged, Omit<TicketSearch, 'sort' | 'limit' | 'offset' | 'siteId'> {
  sort: ApiTicketSort;
}

export interface ListingStore {
  pageConversations(query: ConversationPageQuery): Promise<Conversation[]>;
  pageVisitors(query: VisitorPageQuery): Promise<Visitor[]>;
  pageTickets(query: TicketPageQuery): Promise<Ticket[]>;
}
