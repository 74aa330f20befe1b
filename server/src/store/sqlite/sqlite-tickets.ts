/** SQLite queries for tickets: numbering, one ticket per conversation, timeline, search. */
import type Database from 'better-sqlite3';
import { nowIso } from '../../clock';
import { newId } from '../../tokens';
import { StoreConflictError, type NewTicketEventRecord, type NewTicketRecord, type Store, type TicketSearch } from '../store';
import { isUniqueViolation } from './constraint-errors';
import { attachmentsColumn } from './sqlite-attachments';
import { toConversation, type ConversationRow } from './rows';
import { foldCaseAndAccents } from '../../search-text';
import { SEARCH_FOLD } from './search-fold';
import type { SqliteReader } from './sqlite-read-worker';
import { TICKET_COLUMNS, toTicket, toTicketEvent, type TicketEventRow, type TicketRow } from './ticket-rows';

type TicketStore = Pick<
  Store,
  | 'createTicket' | 'findTicket' | 'updateTicket' | 'hasTicketEventFrom' | 'listTicketEvents'
  | 'searchTickets' | 'listTicketsToClose' | 'listTicketsToRemind' | 'listVisitorTickets' | 'listLongWaiting'
>;

const OPEN_STATUSES = "('new','open','pending','on_hold')";
// Whose SLA clocks are running: a pending ticket's stand still while the requester has the ball.
const CLOCKED_STATUSES = "('new','open','on_hold')";
const PRIORITY_RANK = "CASE priority WHEN 'urgent' THEN 4 WHEN 'high' THEN 3 WHEN 'normal' THEN 2 ELSE 1 END";
const ORDER_BY: Record<TicketSearch['sort'], string> = {
  updated_desc: 'updated_at DESC, rowid DESC',
  created_desc: 'created_at DESC, rowid DESC',
  created_asc: 'created_at ASC, rowid ASC',
  priority_desc: `${PRIORITY_RANK} DESC, created_at ASC`,
  due_asc: 'COALESCE(CASE WHEN first_responded_at IS NULL THEN first_response_due_at END, resolution_due_at) ASC, created_at ASC',
};
// The earliest unmet deadline of an open ticket.
const NEXT_DUE = `COALESCE(CASE WHEN first_responded_at IS NULL THEN MIN(first_response_due_at, resolution_due_at) END, resolution_due_at)`;

export function whereFor(search: TicketSearch): { sql: string; params: unknown[] } {
  const clauses = ['site_id = ?'];
  const params: unknown[] = [search.siteId];
  const inList = (column: string, values: readonly unknown[] | undefined) => {
    if (!values || values.length === 0) return;
    clauses.push(`${column} IN (${values.map(() => '?').join(',')})`);
    params.push(...values);
  };
  inList('status', search.status);
  inList('priority', search.priority);
  inList('tier', search.tier);
  const where = (clause: string, value: unknown) => {
    clauses.push(clause);
    params.push(value);
  };
  if (search.assigneeAgentId) where('assignee_agent_id = ?', search.assigneeAgentId);
  if (search.departmentId) where('department_id = ?', search.departmentId);
  if (search.tag) where('EXISTS (SELECT 1 FROM json_each(tags_json) WHERE value = ?)', search.tag);
  if (search.search) {
    // instr() on text folded in JavaScript, both sides: LIKE and lower() would fold only ASCII, missing
    // "ДОБРЫ" in "Добры", and agents type names without their accents ("Jose" for "José").
    const needle = foldCaseAndAccents(search.search);
    const contains = (column: string) => `instr(${SEARCH_FOLD}(${column}), ?) > 0`;
    const asNumber = Number(search.search.replace(/^#/, ''));
    clauses.push(`(${contains('subject')} OR ${contains('requester_email')} OR ${contains('requester_name')} OR number = ?)`);
    params.push(needle, needle, needle, Number.isInteger(asNumber) ? asNumber : -1);
  }
  switch (search.view) {
    case 'all':
      break;
    case 'mine':
      clauses.push('assignee_agent_id = ?');
      params.push(search.agentId);
      break;
    case 'unassigned':
      clauses.push(`assignee_agent_id IS NULL AND status IN ${OPEN_STATUSES}`);
      break;
    case 'breached':
      clauses.push(`status IN ${CLOCKED_STATUSES} AND ${NEXT_DUE} < ?`);
      params.push(search.now);
      break;
    case 'breaching_soon':
      clauses.push(`status IN ${CLOCKED_STATUSES} AND ${NEXT_DUE} >= ? AND ${NEXT_DUE} < ?`);
      params.push(search.now, new Date(Date.parse(search.now) + search.breachingWithinMinutes * 60_000).toISOString());
      break;
  }
  return { sql: clauses.join(' AND '), params };
}

/** `reader`: where the console's ticket searches run (a worker thread's connection, see sqlite-read-worker.ts). */
export function sqliteTickets(db: Database.Database, reader: SqliteReader): TicketStore {
  const byId = db.prepare<[string], TicketRow>('SELECT * FROM tickets WHERE id = ?');
  // Asked once per site on every escalation sweep: prepared once.
  const longWaiting = db.prepare<[string, string], ConversationRow>(
    `SELECT * FROM conversations
     WHERE site_id = ? AND status <> 'resolved' AND first_response_at IS NULL AND queued_at < ? ORDER BY queued_at`,
  );
  // Both run every sweep, for every site (the partial indexes tickets_to_close and tickets_to_remind).
  const toClose = db.prepare<[string, string, number], TicketRow>(
    "SELECT * FROM tickets WHERE site_id = ? AND status = 'solved' AND solved_at < ? ORDER BY solved_at LIMIT ?",
  );
  const toRemind = db.prepare<[string, string, number], TicketRow>(
    `SELECT * FROM tickets WHERE site_id = ? AND status = 'pending' AND pending_since < ?
       AND (reminded_at IS NULL OR reminded_at < pending_since) ORDER BY pending_since LIMIT ?`,
  );
  const byConversation = db.prepare<[string], TicketRow>('SELECT * FROM tickets WHERE conversation_id = ?');
  const eventFrom = db.prepare<[string, string], 1>('SELECT 1 FROM ticket_events WHERE ticket_id = ? AND source_key = ?').pluck();

  function appendEvent(ticketId: string, event: NewTicketEventRecord, at: string): void {
    const { next } = db
      .prepare<[string], { next: number }>('SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM ticket_events WHERE ticket_id = ?')
      .get(ticketId) as { next: number };
    db.prepare(
      `INSERT INTO ticket_events (id, ticket_id, seq, kind, author_kind, author_id, author_name, text, changes_json, created_at, source_key,
         attachments_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      newId(), ticketId, next, event.kind, event.authorKind, event.authorId, event.authorName, event.text, JSON.stringify(event.changes), at,
      event.sourceKey ?? null, attachmentsColumn(event.attachments),
    );
  }

  const createTx = db.transaction((input: NewTicketRecord) => {
    const t = input.ticket;
    if (t.conversationId) {
      const existing = byConversation.get(t.conversationId);
      if (existing) return { ticket: toTicket(existing), created: false };
    }
    const numbered = db
      .prepare<[string], { number: number }>(
        'UPDATE sites SET next_ticket_number = next_ticket_number + 1 WHERE id = ? RETURNING next_ticket_number - 1 AS number',
      )
      .get(t.siteId);
    if (!numbered) throw new Error('site does not exist');
    const id = newId();
    const at = nowIso();
    db.prepare(
      `INSERT INTO tickets (id, site_id, number, conversation_id, visitor_id, subject, requester_name,
         requester_email, requester_locale, status, priority, tier, department_id, assignee_agent_id, tags_json, source,
         created_at, updated_at, tier_started_at, first_response_due_at, resolution_due_at, first_responded_at, solved_at,
         closed_at, pending_since)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      id, t.siteId, numbered.number, t.conversationId, t.visitorId, t.subject, t.requesterName,
      t.requesterEmail, t.requesterLocale, t.status, t.priority, t.tier, t.departmentId, t.assigneeAgentId,
      JSON.stringify(t.tags), t.source, at, at, t.tierStartedAt, t.firstResponseDueAt, t.resolutionDueAt,
      t.firstRespondedAt, t.solvedAt, t.closedAt, t.pendingSince,
    );
    appendEvent(id, input.createdEvent, at);
    if (t.conversationId) {
      db.prepare(
        `UPDATE conversations SET ticket_id = ?, status = 'resolved', resolved_at = COALESCE(resolved_at, ?),
           awaiting_agent_since = NULL, updated_at = ? WHERE id = ?`,
      ).run(id, at, at, t.conversationId);
    }
    return { ticket: toTicket(byId.get(id) as TicketRow), created: true };
  });

  /** Who answered, when the event recorded with the first response is an agent's public reply. */
  const responderOf = (event: NewTicketEventRecord | null): string | null =>
    event?.kind === 'reply' && event.authorKind === 'agent' ? event.authorId : null;

  const updateTx = db.transaction((input: Parameters<Store['updateTicket']>[0]) => {
    const at = nowIso();
    const sets: string[] = ['updated_at = @updated_at'];
    const values: Record<string, unknown> = { updated_at: at, id: input.ticketId };
    const { firstRespondedAt, ...rest } = input.patch;
    for (const [field, value] of Object.entries(rest)) {
      const column = TICKET_COLUMNS[field];
      if (!column || value === undefined) continue;
      sets.push(`${column} = @${column}`);
      values[column] = field === 'tags' ? JSON.stringify(value) : value;
    }
    if (firstRespondedAt === null) {
      // A move up a tier restarts the clock: the next reply is the first response, and its author the responder.
      sets.push('first_responded_at = NULL', 'first_response_agent_id = NULL');
    } else if (firstRespondedAt !== undefined) {
      // Only the first reply sets them, and both from the same row as it was: of two agents answering at
      // once, the later neither moves the time nor takes the credit (analytics gives it to the responder).
      sets.push(
        'first_responded_at = COALESCE(first_responded_at, @first_responded_at)',
        'first_response_agent_id = CASE WHEN first_responded_at IS NULL THEN @first_response_agent_id ELSE first_response_agent_id END',
      );
      Object.assign(values, { first_responded_at: firstRespondedAt, first_response_agent_id: responderOf(input.event) });
    }
    let where = 'id = @id';
    if (input.ifUnchanged) {
      where += ' AND status = @if_status AND updated_at = @if_updated_at';
      Object.assign(values, { if_status: input.ifUnchanged.status, if_updated_at: input.ifUnchanged.updatedAt });
    }
    const row = db.prepare<Record<string, unknown>, TicketRow>(`UPDATE tickets SET ${sets.join(', ')} WHERE ${where} RETURNING *`).get(values);
    if (!row) return null;
    if (input.event) appendEvent(input.ticketId, input.event, at);
    return toTicket(row);
  });

  return {
    async createTicket(input) {
      try {
        return createTx.immediate(input);
      } catch (error) {
        // Another process escalated the same conversation first: its ticket is the one.
        const existing = input.ticket.conversationId && isUniqueViolation(error) ? byConversation.get(input.ticket.conversationId) : undefined;
        if (existing) return { ticket: toTicket(existing), created: false };
        throw error;
      }
    },
    async findTicket(id) {
      const row = byId.get(id);
      return row ? toTicket(row) : null;
    },
    async updateTicket(input) {
      try {
        return updateTx.immediate(input);
      } catch (error) {
        // Rolled back whole: the patch is not applied either.
        if (input.event?.sourceKey && isUniqueViolation(error)) throw new StoreConflictError('ticket event already stored');
        throw error;
      }
    },
    async hasTicketEventFrom(ticketId, sourceKey) {
      return eventFrom.get(ticketId, sourceKey) !== undefined;
    },
    async listTicketEvents(ticketId, { includeNotes = true } = {}) {
      return db
        .prepare<[string, number], TicketEventRow>("SELECT * FROM ticket_events WHERE ticket_id = ? AND (kind <> 'note' OR ?) ORDER BY seq")
        .all(ticketId, includeNotes ? 1 : 0)
        .map(toTicketEvent);
    },
    // Off the event loop: a text search folds every ticket of the site through search_fold, about
    // 30 ms over 5,000 tickets and 160 ms over 23,000 (most of them not plain ASCII; lower-casing
    // alone took a third of that), and the SLA views compute each open ticket's next due time.
    async searchTickets(search) {
      const { sql, params } = whereFor(search);
      const [counted, rows] = await Promise.all([
        reader.get<{ n: number }>(`SELECT COUNT(*) AS n FROM tickets WHERE ${sql}`, params),
        reader.all<TicketRow>(`SELECT * FROM tickets WHERE ${sql} ORDER BY ${ORDER_BY[search.sort]} LIMIT ? OFFSET ?`, [
          ...params, search.limit, search.offset,
        ]),
      ]);
      return { tickets: rows.map(toTicket), total: counted?.n ?? 0 };
    },
    async listTicketsToClose({ siteId, solvedBefore, limit }) {
      return toClose.all(siteId, solvedBefore, limit).map(toTicket);
    },
    async listTicketsToRemind({ siteId, pendingBefore, limit }) {
      return toRemind.all(siteId, pendingBefore, limit).map(toTicket);
    },
    async listVisitorTickets(siteId, visitorId) {
      return db
        .prepare<[string, string], TicketRow>('SELECT * FROM tickets WHERE site_id = ? AND visitor_id = ? ORDER BY created_at DESC LIMIT 100')
        .all(siteId, visitorId)
        .map(toTicket);
    },
    async listLongWaiting({ siteId, queuedBefore }) {
      return longWaiting.all(siteId, queuedBefore).map(toConversation);
    },
  };
}
