/** SQLite queries for conversations and messages; every state change is one conditional statement. */
import type Database from 'better-sqlite3';
import { messagePreviewOf, type MessagePreview } from '@parley/shared';
import { nowIso } from '../../clock';
import { newId, newTimeOrderedId } from '../../tokens';
import { StoreConflictError, type NewConversationRecord, type AppendedMessage, type NewMessageRecord, type NewVisitorMessageRecord, type OnAppendStored, type Store } from '../store';
import { isUniqueViolation } from './constraint-errors';
import { groupCommit } from './sqlite-group-commit';
import { withoutFsync } from './sqlite-sync-mode';
import type { WalFlusher } from './sqlite-wal-flush';
import { attachmentsColumn } from './sqlite-attachments';
import {
  authorColumns, CONVERSATION_COLUMNS, conversationFromValues, toConversation, toMessage, toQueuedConversation, type ConversationRow, type MessageRow,
} from './rows';

type ConversationStore = Pick<
  Store,
  | 'openConversation' | 'findOpenConversation' | 'findLatestConversation' | 'findConversation'
  | 'listConversations' | 'claimConversation' | 'assignConversation' | 'requeueConversation'
  | 'transferConversation' | 'resolveConversation' | 'listQueue' | 'listAgentLoads'
  | 'listUnansweredAssignments' | 'listAssignedTo' | 'appendMessage' | 'appendToOpenConversation' | 'findMessageByClientId' | 'listMessages'
  | 'reopenConversation' | 'addParticipant' | 'rateConversation' | 'markRead' | 'getReadState'
>;

interface InsertedMessage { seq: number; conversation_id: string }
interface ReadRow { id: string; visitor_read_seq: number; agent_read_seq: number }
const toReadState = (r: ReadRow) => ({ conversationId: r.id, visitorSeq: r.visitor_read_seq, agentSeq: r.agent_read_seq });
/** Throws: for `?? conflict(...)` where nothing stored answers a write. */
const conflict = (why: string): never => {
  throw new StoreConflictError(why);
};

// The agent's current load, evaluated inside the same UPDATE that assigns: no read-then-write.
const UNDER_CAPACITY = `(SELECT COUNT(*) FROM conversations c WHERE c.assigned_agent_id = @agentId AND c.status = 'assigned') < @maxChats`;

/** The columns of a new message but its conversation and seq. */
function messageColumns(input: Omit<NewMessageRecord, 'conversationId'>) {
  const author = authorColumns(input.author);
  return {
    id: newTimeOrderedId(), clientId: input.clientId, kind: author.kind, authorId: author.id, authorName: author.name,
    text: input.text, internal: input.internal ? 1 : 0, createdAt: nowIso(), attachments: attachmentsColumn(input.attachments),
    event: input.event ? JSON.stringify(input.event) : null,
  };
}

interface BumpParams {
  at: string; id: string;
  previewText: string; previewKind: MessagePreview['authorKind']; previewAuthorId: string | null; previewInternal: number;
}
const previewColumns = (preview: MessagePreview) => ({
  previewText: preview.text, previewKind: preview.authorKind, previewAuthorId: preview.authorId,
  previewInternal: preview.internal ? 1 : 0,
});
type MessageColumns = ReturnType<typeof messageColumns>;

export interface SqliteConversationOptions {
  wal: WalFlusher;
  /**
   * Called once the messages of a commit have been announced, before their COMMIT: lets out what
   * the announcements queued (corked socket writes) so they travel while SQLite commits.
   */
  afterAnnouncing?: () => void;
}

export function sqliteConversations(db: Database.Database, { wal, afterAnnouncing = () => undefined }: SqliteConversationOptions): ConversationStore {
  const byId = db.prepare<[string], ConversationRow>('SELECT * FROM conversations WHERE id = ?');
  // Asked once per site on every routing sweep: prepared once.
  const unansweredAssignments = db.prepare<[string, string], ConversationRow>(
    `SELECT * FROM conversations
     WHERE awaiting_agent_since IS NOT NULL AND awaiting_agent_since < ? AND site_id = ? AND status = 'assigned'`,
  );
  const openOf = db.prepare<[string, string], ConversationRow>(
    "SELECT * FROM conversations WHERE site_id = ? AND visitor_id = ? AND status <> 'resolved'",
  );
  const messageByClientId = db.prepare<[string, string], MessageRow>(
    'SELECT * FROM messages WHERE conversation_id = ? AND client_id = ?',
  );
  // Two statements, not one with CASEs: SQLite rewrites every index on a column an UPDATE sets, even
  // to the same value, and first_response_at and awaiting_agent_since sit in two of them.
  // Run on every message: the conversation comes back as values, not as a row object (rows.ts).
  const returningConversation = `RETURNING ${CONVERSATION_COLUMNS.join(', ')}`;
  // The latest message's time and preview go in the same UPDATE that numbers it: no statement more per message.
  const setLastMessage = `last_message_at = @at, last_message_text = @previewText, last_message_author_kind = @previewKind,
       last_message_author_id = @previewAuthorId, last_message_internal = @previewInternal`;
  const bumpSeq = db.prepare<BumpParams, unknown[]>(
    `UPDATE conversations SET last_seq = last_seq + 1, updated_at = @at, ${setLastMessage} WHERE id = @id ${returningConversation}`,
  ).raw();
  const bumpSeqAnswering = db.prepare<BumpParams, unknown[]>(
    `UPDATE conversations SET last_seq = last_seq + 1, updated_at = @at, ${setLastMessage},
       first_response_at = COALESCE(first_response_at, @at), awaiting_agent_since = NULL
     WHERE id = @id ${returningConversation}`,
  ).raw();
  // A system line (a transfer, an invitation) is numbered, but the chat's latest message stays what people wrote.
  const bumpSeqOnly = db.prepare<Pick<BumpParams, 'at' | 'id'>, unknown[]>(
    `UPDATE conversations SET last_seq = last_seq + 1, updated_at = @at WHERE id = @id ${returningConversation}`,
  ).raw();
  // Numbered after the conversation's last message; a resend (its clientId already stored) inserts
  // nothing. Inserting first, rather than looking the clientId up first, saves a lookup per message.
  const insertMessageWhere = (conversation: string) => db.prepare<Record<string, unknown>, InsertedMessage>(
    `INSERT INTO messages (id, conversation_id, seq, client_id, author_kind, author_id, author_name, text, internal, created_at, attachments_json, event_json)
     SELECT @id, id, last_seq + 1, @clientId, @kind, @authorId, @authorName, @text, @internal, @createdAt, @attachments, @event
       FROM conversations WHERE ${conversation}
     ON CONFLICT (client_id, conversation_id) DO NOTHING
     RETURNING seq, conversation_id`,
  );
  const insertNextMessage = insertMessageWhere('id = @conversationId');
  // A visitor's message goes to their open chat, found by the same statement that stores it.
  const insertIntoOpenConversation = insertMessageWhere("site_id = @siteId AND visitor_id = @visitorId AND status <> 'resolved'");
  // Prepared once per statement text: preparing is a large part of a small statement's cost.
  const prepared = new Map<string, Database.Statement<Record<string, unknown>, ConversationRow>>();
  const conditional = (sql: string) => {
    let statement = prepared.get(sql);
    if (!statement) prepared.set(sql, (statement = db.prepare<Record<string, unknown>, ConversationRow>(sql)));
    return statement;
  };

  const resent = (stored: MessageRow): AppendedMessage => {
    const conversation = byId.get(stored.conversation_id);
    if (!conversation) throw new StoreConflictError('conversation does not exist');
    return { message: toMessage(stored), created: false, conversation: toConversation(conversation) };
  };

  /** The message already stored under this clientId, answered as a resend; null when there is none. */
  const storedResend = (conversationId: string | undefined, clientId: string): AppendedMessage | null => {
    const row = conversationId === undefined ? undefined : messageByClientId.get(conversationId, clientId);
    return row ? resent(row) : null;
  };

  /** The message just inserted, with its conversation as the new seq (and an agent's answer) left it. */
  const afterInsert = (input: Omit<NewMessageRecord, 'conversationId'>, columns: MessageColumns, inserted: InsertedMessage): AppendedMessage => {
    // An internal note is not an answer to the visitor: it neither counts as a response nor stops the clock.
    const answersVisitor = columns.kind === 'agent' && columns.internal === 0;
    const bumped = input.event
      ? bumpSeqOnly.get({ at: columns.createdAt, id: inserted.conversation_id })
      : (answersVisitor ? bumpSeqAnswering : bumpSeq).get({
        at: columns.createdAt, id: inserted.conversation_id, ...previewColumns(messagePreviewOf(input)),
      });
    if (!bumped) throw new StoreConflictError('conversation does not exist');
    const row: MessageRow = {
      id: columns.id, conversation_id: inserted.conversation_id, seq: inserted.seq, client_id: columns.clientId,
      author_kind: columns.kind, author_id: columns.authorId, author_name: columns.authorName, text: columns.text,
      internal: columns.internal, created_at: columns.createdAt, attachments_json: columns.attachments,
      event_json: columns.event,
    };
    return { message: toMessage(row), created: true, conversation: conversationFromValues(bumped) };
  };

  const appendOne = (input: NewMessageRecord): AppendedMessage => {
    const columns = messageColumns(input);
    const inserted = insertNextMessage.get({ ...columns, conversationId: input.conversationId });
    if (inserted) return afterInsert(input, columns, inserted);
    return storedResend(input.conversationId, input.clientId) ?? conflict('conversation does not exist');
  };

  const openIdOf = db.prepare<[string, string], string>(
    "SELECT id FROM conversations WHERE site_id = ? AND visitor_id = ? AND status <> 'resolved'",
  ).pluck();
  const appendToOpenOne = ({ siteId, visitorId, ...message }: NewVisitorMessageRecord): AppendedMessage | null => {
    const columns = messageColumns(message);
    const inserted = insertIntoOpenConversation.get({ ...columns, siteId, visitorId });
    if (inserted) return afterInsert(message, columns, inserted);
    // Nothing inserted: no chat is open, or the open one already holds this message (a resend).
    const conversationId = openIdOf.get(siteId, visitorId);
    if (conversationId === undefined) return null;
    return storedResend(conversationId, message.clientId) ?? conflict('message was neither stored nor found');
  };

  // Appends of one event-loop turn commit together, then one fdatasync off the main thread makes them
  // durable before any is acknowledged (sqlite-wal-flush.ts). They are announced just before their
  // COMMIT, which then runs while the announcements travel (see tellBeforeCommit).
  const durably = {
    around: <T>(commit: () => T) => withoutFsync(db, commit), durable: wal.durable, tellBeforeCommit: { afterTelling: afterAnnouncing },
  };
  const appendInGroup = groupCommit(db, appendOne, durably);
  const appendToOpenInGroup = groupCommit(db, appendToOpenOne, durably);

  const openTx = db.transaction((input: NewConversationRecord) => {
    const existing = openOf.get(input.siteId, input.visitorId);
    if (existing) return { conversation: toConversation(existing), created: false };
    const id = newId();
    const at = nowIso();
    db.prepare(
      `INSERT INTO conversations (id, site_id, visitor_id, visitor_name, status, department_id, locale, created_at, updated_at, queued_at)
       VALUES (?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?)`,
    ).run(id, input.siteId, input.visitorId, input.visitorName, input.departmentId ?? null, input.locale, at, at, at);
    return { conversation: toConversation(byId.get(id) as ConversationRow), created: true };
  });

  /** A resend answered from what is stored, after the write was refused: its listener has not run yet. */
  const toldOnce = (stored: AppendedMessage, onStored?: OnAppendStored): AppendedMessage => {
    onStored?.(stored);
    return stored;
  };

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
           awaiting_agent_since = @at, updated_at = @at
         WHERE id = @id AND status = 'queued' RETURNING *`,
      ).get({ agentId, at, id: conversationId });
      return row ? toConversation(row) : null;
    },
    async assignConversation({ conversationId, agentId, maxChats }) {
      const at = nowIso();
      // Routing assigns many chats in a burst; an assignment a power loss undid would be routed again.
      const row = withoutFsync(db, () => conditional(
        `UPDATE conversations SET status = 'assigned', assigned_agent_id = @agentId, assigned_at = @at,
           awaiting_agent_since = @at, updated_at = @at
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
        `UPDATE conversations SET assigned_agent_id = @agentId, assigned_at = @at, awaiting_agent_since = @at, updated_at = @at
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
      try {
        return await appendInGroup.write(input, onStored);
      } catch (error) {
        return toldOnce(afterUniqueRace(error, () => storedResend(input.conversationId, input.clientId)), onStored);
      }
    },
    async appendToOpenConversation(input, onStored) {
      try {
        return await appendToOpenInGroup.write(input, (appended) => appended && onStored?.(appended));
      } catch (error) {
        // A resend racing its first attempt (another process on the file): answer with the stored one.
        const stored = afterUniqueRace(error, () => storedResend(openIdOf.get(input.siteId, input.visitorId), input.clientId));
        return toldOnce(stored, onStored);
      }
    },
    async findMessageByClientId(conversationId, clientId) {
      const row = messageByClientId.get(conversationId, clientId);
      return row ? toMessage(row) : null;
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
