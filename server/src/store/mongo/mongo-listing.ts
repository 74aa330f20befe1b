/** MongoDB keyset pages for the REST API: `(key, _id)` after the previous page's last document. */
import type { ApiTicketSort } from '@parley/shared';
import type { KeysetAfter, ListingStore } from '../listing.store';
import type { ConversationDoc, TicketDoc, VisitorDoc } from './mongo.documents';
import { toConversation, toTicket, toVisitor } from './mongo.mapping';
import type { MongoModels } from './mongo.models';
import { ticketFilter } from './mongo.ticket-search';

interface Keyset {
  field: 'createdAt' | 'updatedAt';
  descending: boolean;
}

const TICKET_KEYS: Record<ApiTicketSort, Keyset> = {
  updated_desc: { field: 'updatedAt', descending: true },
  created_desc: { field: 'createdAt', descending: true },
  created_asc: { field: 'createdAt', descending: false },
};
const NEWEST_FIRST: Keyset = { field: 'createdAt', descending: true };

/** The condition that continues after `after` in the keyset's order, and the sort that goes with it. */
function keyset({ field, descending }: Keyset, after: KeysetAfter | null): { filter: object; sort: Record<string, 1 | -1> } {
  const direction: 1 | -1 = descending ? -1 : 1;
  const sort: Record<string, 1 | -1> = { [field]: direction, _id: direction };
  if (!after) return { filter: {}, sort };
  const beyond = descending ? '$lt' : '$gt';
  const key = new Date(after.key);
  return { filter: { $or: [{ [field]: { [beyond]: key } }, { [field]: key, _id: { [beyond]: after.id } }] }, sort };
}

export function mongoListing(models: MongoModels): ListingStore {
  return {
    async pageConversations(query) {
      const createdAt = {
        ...(query.createdFrom ? { $gte: new Date(query.createdFrom) } : {}),
        ...(query.createdTo ? { $lt: new Date(query.createdTo) } : {}),
      };
      const next = keyset(NEWEST_FIRST, query.after);
      const filter = {
        $and: [
          { siteId: query.siteId },
          query.statuses && query.statuses.length > 0 ? { status: { $in: query.statuses } } : {},
          query.agentId ? { assignedAgentId: query.agentId } : {},
          query.departmentId ? { departmentId: query.departmentId } : {},
          Object.keys(createdAt).length > 0 ? { createdAt } : {},
          next.filter,
        ],
      };
      const docs = await models.conversations.find(filter).sort(next.sort).limit(query.limit).lean<ConversationDoc[]>();
      return docs.map(toConversation);
    },

    async pageVisitors(query) {
      const next = keyset(NEWEST_FIRST, query.after);
      const filter = { $and: [{ siteId: query.siteId }, query.email ? { email: query.email } : {}, next.filter] };
      const docs = await models.visitors.find(filter).sort(next.sort).limit(query.limit).lean<VisitorDoc[]>();
      return docs.map(toVisitor);
    },

    async pageTickets(query) {
      const { after, limit, sort, ...filters } = query;
      const next = keyset(TICKET_KEYS[sort], after);
      const filter = { $and: [...ticketFilter({ ...filters, sort: 'updated_desc', limit, offset: 0 }).$and, next.filter] };
      const docs = await models.tickets.find(filter).sort(next.sort).limit(limit).lean<TicketDoc[]>();
      return docs.map(toTicket);
    },
  };
}
