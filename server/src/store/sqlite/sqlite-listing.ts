/** SQLite keyset pages for the REST API: `(key, id)` after the previous page's last row, one indexed range each. */
import type Database from 'better-sqlite3';
import type { ApiTicketSort } from '@parley/shared';
import type { KeysetAfter, ListingStore } from '../listing.store';
import { toConversation, toVisitor, type ConversationRow, type VisitorRow } from './rows';
import { whereFor } from './sqlite-tickets';
import { toTicket, type TicketRow } from './ticket-rows';

interface Keyset {
  column: string;
  descending: boolean;
}

const TICKET_KEYS: Record<ApiTicketSort, Keyset> = {
  updated_desc: { column: 'updated_at', descending: true },
  created_desc: { column: 'created_at', descending: true },
  created_asc: { column: 'created_at', descending: false },
};

/** The clause that continues after `after` in the keyset's order, and the ORDER BY that goes with it. */
function keysetSql({ column, descending }: Keyset, after: KeysetAfter | null): { where: string; params: unknown[]; orderBy: string } {
  const direction = descending ? 'DESC' : 'ASC';
  const orderBy = `ORDER BY ${column} ${direction}, id ${direction}`;
  if (!after) return { where: '', params: [], orderBy };
  const beyond = descending ? '<' : '>';
  return { where: ` AND (${column} ${beyond} ? OR (${column} = ? AND id ${beyond} ?))`, params: [after.key, after.key, after.id], orderBy };
}

const NEWEST_FIRST: Keyset = { column: 'created_at', descending: true };

export function sqliteListing(db: Database.Database): ListingStore {
  return {
    async pageConversations(query) {
      // Only open chats asked for (few, beside a history of resolved ones): their status index, then
      // a sort of those few. Without the hint SQLite walks every chat of the site newest first, looking
      // for them: 260 ms over 100,000 resolved chats for an empty queue.
      const onlyOpen = query.statuses !== undefined && query.statuses.length > 0 && !query.statuses.includes('resolved');
      const clauses = ['site_id = ?'];
      const params: unknown[] = [query.siteId];
      if (query.statuses && query.statuses.length > 0) {
        clauses.push(`status IN (${query.statuses.map(() => '?').join(',')})`);
        params.push(...query.statuses);
      }
      const equal = (clause: string, value: string | undefined) => {
        if (value === undefined) return;
        clauses.push(clause);
        params.push(value);
      };
      equal('assigned_agent_id = ?', query.agentId);
      equal('department_id = ?', query.departmentId);
      equal('created_at >= ?', query.createdFrom);
      equal('created_at < ?', query.createdTo);
      const keyset = keysetSql(NEWEST_FIRST, query.after);
      return db
        .prepare<unknown[], ConversationRow>(
          `SELECT * FROM conversations${onlyOpen ? ' INDEXED BY conversations_by_site_status' : ''}
           WHERE ${clauses.join(' AND ')}${keyset.where} ${keyset.orderBy} LIMIT ?`,
        )
        .all(...params, ...keyset.params, query.limit)
        .map(toConversation);
    },

    async pageVisitors(query) {
      const keyset = keysetSql(NEWEST_FIRST, query.after);
      // Addresses are stored in lower case (EmailSchema), so lower(email) is the address itself, and the
      // (site_id, lower(email)) index finds them; unhinted, SQLite walked the site's contacts newest first.
      const byEmail = query.email ? ' AND email IS NOT NULL AND lower(email) = ?' : '';
      const hint = query.email ? ' INDEXED BY visitors_by_email' : '';
      return db
        .prepare<unknown[], VisitorRow>(`SELECT * FROM visitors${hint} WHERE site_id = ?${byEmail}${keyset.where} ${keyset.orderBy} LIMIT ?`)
        .all(query.siteId, ...(query.email ? [query.email] : []), ...keyset.params, query.limit)
        .map(toVisitor);
    },

    async pageTickets(query) {
      const { after, limit, sort, ...filters } = query;
      const { sql, params } = whereFor({ ...filters, sort: 'updated_desc', limit, offset: 0 });
      const keyset = keysetSql(TICKET_KEYS[sort], after);
      return db
        .prepare<unknown[], TicketRow>(`SELECT * FROM tickets WHERE ${sql}${keyset.where} ${keyset.orderBy} LIMIT ?`)
        .all(...params, ...keyset.params, limit)
        .map(toTicket);
    },
  };
}
