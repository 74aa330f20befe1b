/** SQLite queries for conversations and messages; every state change is one conditional statement. */
import type Database from 'better-sqlite3';
import { nowIso } from '../../clock';
import { newId } from '../../tokens';
import { StoreConflictError, type NewConversationRecord, type Store, type VisitorPresenceRecord } from '../store';
import { isUniqueViolation } from './constraint-errors';
import { sqliteMessageAppends, type MessageAppendOptions } from './sqlite-message-appends';
import { withoutFsync } from './sqlite-sync-mode';
import {
  toConversation, toMessage, toQueuedConversation, type ConversationRow, type MessageRow,
} from './rows';

type ConversationStore = Pick<
  Store,
  | 'openConversation' | 'findOpenConversation' | 'findLatestConversation' | 'findConversation'
  | 'listConversations' | 'claimConversation' | 'assignConversation' | 'requeueConversation'
  | 'transferConversation' | 'resolveConversation' | 'listQueue' | 'listAgentLoads'
  | 'listUnansweredAssignments' | 'listAssignedTo' | 'appendMessage' | 'appendToOpenConversation' | 'findMessageByClientId' | 'listMessages'
  | 'reopenConversation' | 'addParticipant' | 'rateConversation' | 'markRead' | 'getReadState'
  | 'visitorBack' | 'visitorLeft' | 'touchVisitors' | 'markSilentVisitorsGone'
>;

interface ReadRow { id: string; visitor_read_seq: number; agent_read_seq: number }
const toReadState = (r: ReadRow) => ({ conversationId: r.id, visitorSeq: r.visitor_read_seq, agentSeq: r.agent_read_seq });

// The agent's current load, evaluated inside the same UPDATE that assigns: no read-then-write.
const UNDER_CAPACITY = `(SELECT COUNT(*) FROM conversations c WHERE c.assigned_agent_id = @agentId AND c.status = 'assigned') < @maxChats`;
// The new assignee's reply clock runs only if the visitor is waiting: when an agent's reply is the
// latest message the visitor sees (notes and system lines after it change nothing), a chat handed
// back and reassigned (an agent going offline, a restart) must not count as unanswered, or the
// sweep bounces it between agents every timeout. Read backwards along (conversation_id, seq).
const REPLY_CLOCK = `CASE WHEN (
    SELECT m.author_kind FROM messages m
    WHERE m.conversation_id = conversations.id AND m.internal = 0 AND m.event_json IS NULL
    ORDER BY m.seq DESC LIMIT 1
  ) = 'agent' THEN NULL ELSE @at END`;

/** Visitors' heartbeats written per transaction. */
const TOUCH_SLICE = 500;

export function sqliteConversations(db: Database.Database, options: MessageAppendOptions): ConversationStore {
  const appends = sqliteMessageAppends(db, options);
  const byId = db.prepare<[string], ConversationRow>('SELECT * FROM conversations WHERE id = ?');
  // Asked once per site on every routing sweep: prepared once.
  const unansweredAssignments = db.prepare<[string, string], ConversationRow>(
    `SELECT * FROM conversations
     WHERE awaiting_agent_since IS NOT NULL AND awaiting_agent_since < ? AND site_id = ? AND status = 'assigned'`,
  );
  const openOf = db.prepare<[string, string], ConversationRow>(
    "SELECT * FROM conversations WHERE site_id = ? AND visitor_id = ? AND status <> 'resolved'",
  );
  // Prepared once per statement text: preparing is a large part of a small statement's cost.
  const prepared = new Map<string, Database.Statement<Record<string, unknown>, ConversationRow>>();
  const conditional = (sql: string) => {
    let statement = prepared.get(sql);
    if (!statement) prepared.set(sql, (statement = db.prepare<Record<string, unknown>, ConversationRow>(sql)));
    return statement;
  };

  const openTx = db.transaction((input: NewConversationRecord) => {
    const existing = openOf.get(input.siteId, input.visitorId);
    if (existing) return { conversation: toConversation(existing), created: false };
    const id = newId();
    const at = nowIso();
    db.prepare(
      `INSERT INTO conversations (id, site_id, visitor_id, visitor_name, status, department_id, locale, created_at, updated_at, queued_at, visitor_seen_at)
       VALUES (?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?)`,
    ).run(id, input.siteId, input.visitorId, input.visitorName, input.departmentId ?? null, input.locale, at, at, at, at);
    return { conversation: toConversation(byId.get(id) as ConversationRow), created: true };
  });

  const seenStatement = db.prepare<{ siteId: string; visitorId: string; at: string }>(
    "UPDATE conversations SET visitor_seen_at = @at WHERE site_id = @siteId AND visitor_id = @visitorId AND status <> 'resolved'",
  );
  const touchVisitorsTx = db.transaction((visitors: { siteId: string; visitorId: string }[], at: string) => {
    for (const visitor of visitors) seenStatement.run({ ...visitor, at });
  });
  // Read and written under one lock: whether they had left decides if agents are told.
  const visitorBackTx = db.transaction((record: VisitorPresenceRecord) => {
    const open = openOf.get(record.siteId, record.visitorId);
    if (!open) return null;
    seenStatement.run(record);
    if (open.visitor_left_at === null) return null;
    return toConversation(
      conditional('UPDATE conversations SET visitor_left_at = NULL WHERE id = @id RETURNING *').get({ id: open.id }) as ConversationRow,
    );
  });

  /** Retries a read after a UNIQUE refusal raced us; otherwise rethrows. */
  function afterUniqueRace<T>(error: unknown, readBack: () => T | null): T {
    if (!isUniqueViolation(error)) throw error;
    const value = readBack();
    if (value === null) throw error;
    return value;
  }

  return {
    async openConversation(input) {
      // Most messages go to a conversation already open: answer those without the write lock.
      const open = openOf.get(input.siteId, input.visitorId);
      if (open) return { conversation: toConversation(open), created: false };
      try {
        // Needs no fsync of its own (see withoutFsync): the message that opens it is acknowledged
        // only after its own FULL commit, which syncs this one too.
        return withoutFsync(db, () => openTx.immediate(input));
      } catch (error) {
        return afterUniqueRace(error, () => {
          const row = openOf.get(input.siteId, input.visitorId);
          return row ? { conversation: toConversation(row), created: false } : null;
        });
      }
    },
    async findOpenConversation(siteId, visitorId) {
      const row = openOf.get(siteId, visitorId);
      return row ? toConversation(row) : null;
    },
    async findLatestConversation(siteId, visitorId) {
      const row = db
        .prepare<[string, string], ConversationRow>(
          'SELECT * FROM conversations WHERE site_id = ? AND visitor_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1',
        )
        .get(siteId, visitorId);
      return row ? toConversation(row) : null;
    },
    async findConversation(id) {
      const row = byId.get(id);
      return row ? toConversation(row) : null;
    },
    async listConversations({ siteId, statuses, limit = 200 }) {
      const wanted = statuses && statuses.length > 0 ? statuses : ['queued', 'assigned', 'resolved'];
      return db
        .prepare<unknown[], ConversationRow>(
          `SELECT * FROM conversations WHERE site_id = ? AND status IN (${wanted.map(() => '?').join(',')})
           ORDER BY created_at DESC, rowid DESC LIMIT ?`,
        )
        .all(siteId, ...wanted, limit)
        .map(toConversation);
    },
    async claimConversation({ conversationId, agentId }) {
      const at = nowIso();
      const row = conditional(
        `UPDATE conversations SET status = 'assigned', assigned_agent_id = @agentId, assigned_at = @at,
           awaiting_agent_since = ${REPLY_CLOCK}, updated_at = @at
         WHERE id = @id AND status = 'queued' RETURNING *`,
      ).get({ agentId, at, id: conversationId });
      return row ? toConversation(row) : null;
    },
    async assignConversation({ conversationId, agentId, maxChats }) {
      const at = nowIso();
      // Routing assigns many chats in a burst; an assignment a power loss undid would be routed again.
      const row = withoutFsync(db, () => conditional(
        `UPDATE conversations SET status = 'assigned', assigned_agent_id = @agentId, assigned_at = @at,
           awaiting_agent_since = ${REPLY_CLOCK}, updated_at = @at
         WHERE id = @id AND status = 'queued' AND ${UNDER_CAPACITY} RETURNING *`,
      ).get({ agentId, at, id: conversationId, maxChats }));
      return row ? toConversation(row) : null;
    },
    async requeueConversation({ conversationId, fromAgentId, declined, departmentId }) {
      const row = conditional(
        `UPDATE conversations SET status = 'queued', assigned_agent_id = NULL, assigned_at = NULL,
           awaiting_agent_since = NULL, updated_at = @at,
           department_id = CASE WHEN @changeDepartment = 1 THEN @departmentId ELSE department_id END,
           declined_agent_ids_json = CASE WHEN @declined = 1
             THEN json_insert(declined_agent_ids_json, '$[#]', @fromAgentId) ELSE declined_agent_ids_json END
         WHERE id = @id AND status = 'assigned' AND assigned_agent_id = @fromAgentId RETURNING *`,
      ).get({
        at: nowIso(), id: conversationId, fromAgentId, declined: declined ? 1 : 0,
        changeDepartment: departmentId === undefined ? 0 : 1, departmentId: departmentId ?? null,
      });
      return row ? toConversation(row) : null;
    },
    async transferConversation({ conversationId, fromAgentId, toAgentId, maxChats }) {
      const at = nowIso();
      const row = conditional(
        `UPDATE conversations SET assigned_agent_id = @agentId, assigned_at = @at, awaiting_agent_since = ${REPLY_CLOCK}, updated_at = @at
         WHERE id = @id AND status = 'assigned' AND assigned_agent_id = @fromAgentId AND ${UNDER_CAPACITY} RETURNING *`,
      ).get({ agentId: toAgentId, fromAgentId, at, id: conversationId, maxChats });
      return row ? toConversation(row) : null;
    },
    async reopenConversation(conversationId) {
      const at = nowIso();
      try {
        const row = conditional(
          `UPDATE conversations SET status = 'queued', resolved_at = NULL, assigned_agent_id = NULL, assigned_at = NULL,
             queued_at = @at, updated_at = @at
           WHERE id = @id AND status = 'resolved' RETURNING *`,
        ).get({ at, id: conversationId });
        return row ? toConversation(row) : null;
      } catch (error) {
        if (isUniqueViolation(error)) throw new StoreConflictError('the visitor has another open conversation');
        throw error;
      }
    },
    async markRead({ conversationId, reader, seq }) {
      const column = reader === 'visitor' ? 'visitor_read_seq' : 'agent_read_seq';
      const row = db
        .prepare<[number, string], ReadRow>(
          `UPDATE conversations SET ${column} = MAX(${column}, MIN(?, last_seq)) WHERE id = ?
           RETURNING id, visitor_read_seq, agent_read_seq`,
        )
        .get(seq, conversationId);
      return row ? toReadState(row) : null;
    },
    async getReadState(conversationId) {
      const row = db
        .prepare<[string], ReadRow>('SELECT id, visitor_read_seq, agent_read_seq FROM conversations WHERE id = ?')
        .get(conversationId);
      return row ? toReadState(row) : null;
    },
    async rateConversation({ conversationId, score, comment }) {
      const row = conditional(
        `UPDATE conversations SET rating = @score, rating_comment = @comment, rated_at = @at
         WHERE id = @id AND status = 'resolved' RETURNING *`,
      ).get({ score, comment, at: nowIso(), id: conversationId });
      return row ? toConversation(row) : null;
    },
    // Not updated_at: the visitor coming and going changes nothing about the chat itself. Nor a
    // wait for the disk: presence lost to a power cut is set right by the next page or heartbeat.
    async visitorBack(record) {
      // Most pages that connect have no open chat: those take no write lock at all.
      if (!openOf.get(record.siteId, record.visitorId)) return null;
      return withoutFsync(db, () => visitorBackTx.immediate(record));
    },
    async visitorLeft({ siteId, visitorId, at }) {
      const row = withoutFsync(db, () => conditional(
        `UPDATE conversations SET visitor_left_at = @at
         WHERE site_id = @siteId AND visitor_id = @visitorId AND status <> 'resolved' AND visitor_left_at IS NULL
         RETURNING *`,
      ).get({ siteId, visitorId, at }));
      return row ? toConversation(row) : null;
    },
    async touchVisitors(visitors, at) {
      // In slices, so a process with thousands of visitors never holds the write lock for long.
      for (let start = 0; start < visitors.length; start += TOUCH_SLICE) {
        const slice = visitors.slice(start, start + TOUCH_SLICE);
        withoutFsync(db, () => touchVisitorsTx.immediate(slice, at));
      }
    },
    async markSilentVisitorsGone(before) {
      return db
        .prepare<[string], ConversationRow>(
          `UPDATE conversations SET visitor_left_at = visitor_seen_at
           WHERE status <> 'resolved' AND visitor_left_at IS NULL AND visitor_seen_at < ? RETURNING *`,
        )
        .all(before)
        .map(toConversation);
    },
    async addParticipant({ conversationId, agentId }) {
      const row = conditional(
        `UPDATE conversations SET updated_at = @at,
           participant_agent_ids_json = CASE
             WHEN EXISTS (SELECT 1 FROM json_each(participant_agent_ids_json) WHERE value = @agentId)
             THEN participant_agent_ids_json
             ELSE json_insert(participant_agent_ids_json, '$[#]', @agentId) END
         WHERE id = @id AND status <> 'resolved' RETURNING *`,
      ).get({ at: nowIso(), id: conversationId, agentId });
      return row ? toConversation(row) : null;
    },
    async resolveConversation(conversationId) {
      const at = nowIso();
      const row = conditional(
        `UPDATE conversations SET status = 'resolved', resolved_at = @at, awaiting_agent_since = NULL, updated_at = @at
         WHERE id = @id AND status <> 'resolved' RETURNING *`,
      ).get({ at, id: conversationId });
      return row ? toConversation(row) : null;
    },
    async listQueue(siteId) {
      return db
        .prepare<[string], ConversationRow>(
          "SELECT * FROM conversations WHERE site_id = ? AND status = 'queued' ORDER BY queued_at, rowid",
        )
        .all(siteId)
        .map(toQueuedConversation);
    },
    async listAgentLoads(siteId) {
      return db
        .prepare<[string], { agent_id: string; active: number; last_assigned_at: string | null }>(
          `SELECT a.id AS agent_id,
             (SELECT COUNT(*) FROM conversations c WHERE c.assigned_agent_id = a.id AND c.status = 'assigned') AS active,
             (SELECT MAX(c.assigned_at) FROM conversations c WHERE c.assigned_agent_id = a.id) AS last_assigned_at
           FROM agents a WHERE a.site_id = ?`,
        )
        .all(siteId)
        .map((r) => ({ agentId: r.agent_id, activeChats: r.active, lastAssignedAt: r.last_assigned_at }));
    },
    async listUnansweredAssignments({ siteId, before }) {
      return unansweredAssignments.all(before, siteId).map(toConversation);
    },
    async listAssignedTo(agentId) {
      return db
        .prepare<[string], ConversationRow>(
          "SELECT * FROM conversations WHERE assigned_agent_id = ? AND status = 'assigned' ORDER BY queued_at, rowid",
        )
        .all(agentId)
        .map(toConversation);
    },

    async appendMessage(input, onStored) {
      return appends.append.write(input, onStored);
    },
    async appendToOpenConversation(input, onStored) {
      return appends.appendToOpen.write(input, (appended) => appended && onStored?.(appended));
    },
    async findMessageByClientId(conversationId, clientId) {
      return appends.storedByClientId(conversationId, clientId);
    },
    async listMessages({ conversationId, afterSeq = 0, limit = 500, includeInternal = true }) {
      return db
        .prepare<[string, number, number, number], MessageRow>(
          'SELECT * FROM messages WHERE conversation_id = ? AND seq > ? AND (internal = 0 OR ?) ORDER BY seq LIMIT ?',
        )
        .all(conversationId, afterSeq, includeInternal ? 1 : 0, limit)
        .map(toMessage);
    },
  };
}
