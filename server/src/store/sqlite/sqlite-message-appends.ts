/**
 * Appending messages. Each turn's messages are planned first, by reads alone (the conversation, a
 * resend's stored message), then announced, then written and committed (plannedGroupCommit): a
 * message reaches its readers before SQLite spends its time writing it.
 */
import type Database from 'better-sqlite3';
import { messagePreviewOf, type Conversation, type Message } from '@parley/shared';
import { nowIso } from '../../clock';
import { newTimeOrderedId } from '../../tokens';
import { StoreConflictError, type AppendedMessage, type NewMessageRecord, type NewVisitorMessageRecord } from '../store';
import { plannedGroupCommit, type GroupCommit, type PlannedWrite } from './sqlite-group-commit';
import { withoutFsync } from './sqlite-sync-mode';
import type { WalFlusher } from './sqlite-wal-flush';
import { attachmentsColumn } from './sqlite-attachments';
import { authorColumns, CONVERSATION_COLUMNS, conversationFromValues, toMessage, type MessageRow } from './rows';

export interface MessageAppendOptions {
  wal: WalFlusher;
  /**
   * Called once the messages of a commit have been announced, before they are written: lets out
   * what the announcements queued (corked socket writes) so they travel while SQLite works.
   */
  afterAnnouncing?: () => void;
}

export interface MessageAppends {
  /** Into a conversation by id; a conflict when it does not exist. */
  append: GroupCommit<NewMessageRecord, AppendedMessage>;
  /** Into the visitor's open conversation; null when none is open (nothing stored). */
  appendToOpen: GroupCommit<NewVisitorMessageRecord, AppendedMessage | null>;
  /** The message stored under a client id (the one a resend finds), or null. */
  storedByClientId(conversationId: string, clientId: string): Message | null;
}

type MessageInput = Omit<NewMessageRecord, 'conversationId'>;

/** What one batch has planned so far: later messages of the batch see the earlier ones. */
interface BatchPlans {
  /** Every conversation the batch has read, as its planned messages leave it. */
  conversations: Map<string, Conversation>;
  /** The id of a visitor's open conversation, by site and visitor. */
  openIds: Map<string, string>;
  /** By conversation id and client id. */
  messages: Map<string, AppendedMessage>;
}

const noWrite = () => undefined;
const refused = (error: unknown): PlannedWrite<never> => ({ ok: false, error });

export function sqliteMessageAppends(db: Database.Database, { wal, afterAnnouncing }: MessageAppendOptions): MessageAppends {
  const columnList = CONVERSATION_COLUMNS.join(', ');
  const conversationById = db.prepare<[string], unknown[]>(`SELECT ${columnList} FROM conversations WHERE id = ?`).raw();
  const openConversationOf = db.prepare<[string, string], unknown[]>(
    `SELECT ${columnList} FROM conversations WHERE site_id = ? AND visitor_id = ? AND status <> 'resolved'`,
  ).raw();
  const messageByClientId = db.prepare<[string, string], MessageRow>('SELECT * FROM messages WHERE conversation_id = ? AND client_id = ?');
  const insertMessage = db.prepare<MessageRow>(
    `INSERT INTO messages (id, conversation_id, seq, client_id, author_kind, author_id, author_name, text, internal, created_at, attachments_json, event_json)
     VALUES (@id, @conversation_id, @seq, @client_id, @author_kind, @author_id, @author_name, @text, @internal, @created_at, @attachments_json, @event_json)`,
  );
  // Each numbers the message as planned, and only if no other write moved the conversation since:
  // under the batch's write lock none can, so a miss is a fault and refuses the batch.
  // Separate statements, not one with CASEs: SQLite rewrites every index on a column an UPDATE sets, even
  // to the same value, and first_response_at, first_response_agent_id and awaiting_agent_since sit in indexes.
  const numbered = 'last_seq = @seq, updated_at = @at';
  const latest = `last_message_at = @at, last_message_text = @previewText, last_message_author_kind = @previewKind,
       last_message_author_id = @previewAuthorId, last_message_internal = @previewInternal`;
  const onlyIfUnmoved = 'WHERE id = @id AND last_seq = @seq - 1';
  const bumpSeq = db.prepare(`UPDATE conversations SET ${numbered}, ${latest} ${onlyIfUnmoved}`);
  // The first answer (as planned) also records who wrote it: analytics credits it to them, whoever holds
  // the chat later. The CASE reads the row as it was, so a first response already stored keeps its
  // author. Later answers leave both columns alone.
  const bumpSeqFirstAnswer = db.prepare(
    `UPDATE conversations SET ${numbered}, ${latest}, first_response_at = COALESCE(first_response_at, @at),
       first_response_agent_id = CASE WHEN first_response_at IS NULL THEN @agentId ELSE first_response_agent_id END,
       awaiting_agent_since = NULL ${onlyIfUnmoved}`,
  );
  const bumpSeqAnswering = db.prepare(`UPDATE conversations SET ${numbered}, ${latest}, awaiting_agent_since = NULL ${onlyIfUnmoved}`);
  // A system line (a transfer, an invitation) is numbered, but the chat's latest message stays what people wrote.
  const bumpSeqOnly = db.prepare(`UPDATE conversations SET ${numbered} ${onlyIfUnmoved}`);

  /** The message as it will be stored, its conversation as it will be after it, and the statements. */
  function planNew(conversation: Conversation, input: MessageInput): { appended: AppendedMessage; write: () => void } {
    const at = nowIso();
    const author = authorColumns(input.author);
    const row: MessageRow = {
      id: newTimeOrderedId(), conversation_id: conversation.id, seq: conversation.lastSeq + 1, client_id: input.clientId,
      author_kind: author.kind, author_id: author.id, author_name: author.name, text: input.text,
      internal: input.internal ? 1 : 0, created_at: at, attachments_json: attachmentsColumn(input.attachments),
      event_json: input.event ? JSON.stringify(input.event) : null,
    };
    // An internal note is not an answer to the visitor: it neither counts as a response nor stops the clock.
    const answersVisitor = author.kind === 'agent' && !input.internal;
    const preview = input.event ? null : messagePreviewOf(input);
    const after: Conversation = { ...conversation, lastSeq: row.seq, updatedAt: at };
    if (preview) Object.assign(after, { lastMessageAt: at, lastMessagePreview: preview });
    if (preview && answersVisitor) Object.assign(after, { firstResponseAt: conversation.firstResponseAt ?? at, awaitingAgentSince: null });
    const write = () => {
      insertMessage.run(row);
      const id = conversation.id;
      const seq = row.seq;
      // Spelled out, not `{ ...where, previewText, ... }`: in Node 20's optimized code, an object that
      // a spread copies and then adds keys to gets a hidden class (map) of its own, every time, and maps
      // live in the old generation. Appending alone, that was ~0.9 KB promoted per message, and each
      // scavenge took 3-6 ms instead of 0.5-0.8 (5,000 chats, 25 messages a turn).
      const bump = !preview
        ? bumpSeqOnly.run({ id, seq, at })
        : (answersVisitor ? (conversation.firstResponseAt === null ? bumpSeqFirstAnswer : bumpSeqAnswering) : bumpSeq).run({
          id, seq, at, previewText: preview.text, previewKind: preview.authorKind,
          previewAuthorId: preview.authorId, previewInternal: preview.internal ? 1 : 0, agentId: author.id,
        });
      if (bump.changes !== 1) throw new StoreConflictError('conversation changed while its message was written');
    };
    return { appended: { message: toMessage(row), created: true, conversation: after }, write };
  }

  /** Plans one message into `conversation` (as this batch has left it): a resend plans no write. */
  function planInto(plans: BatchPlans, conversation: Conversation, input: MessageInput): PlannedWrite<AppendedMessage> {
    const key = `${conversation.id}\n${input.clientId}`;
    const earlier = plans.messages.get(key);
    if (earlier) return { ok: true, value: { ...earlier, created: false, conversation }, write: noWrite };
    const stored = messageByClientId.get(conversation.id, input.clientId);
    if (stored) return { ok: true, value: { message: toMessage(stored), created: false, conversation }, write: noWrite };
    const { appended, write } = planNew(conversation, input);
    plans.conversations.set(conversation.id, appended.conversation);
    plans.messages.set(key, appended);
    return { ok: true, value: appended, write };
  }

  const newPlans = (): BatchPlans => ({ conversations: new Map(), openIds: new Map(), messages: new Map() });
  /** Runs `planOne` for each input; one that throws is refused alone (it planned nothing). */
  const planEach = <I, O>(planOne: (plans: BatchPlans, input: I) => PlannedWrite<O>) => (inputs: readonly I[]): PlannedWrite<O>[] => {
    const plans = newPlans();
    return inputs.map((input) => {
      try {
        return planOne(plans, input);
      } catch (error) {
        return refused(error);
      }
    });
  };

  const options = {
    // Written without an fsync in the COMMIT; callers hear back after the WAL's fdatasync off the main thread (sqlite-wal-flush.ts).
    around: <T>(commit: () => T) => withoutFsync(db, commit), durable: wal.durable, afterTelling: afterAnnouncing,
  };

  /** The conversation as this batch has left it, read from the database the first time. */
  function conversationIn(plans: BatchPlans, read: () => unknown[] | undefined, id?: string): Conversation | undefined {
    const planned = id === undefined ? undefined : plans.conversations.get(id);
    if (planned) return planned;
    const values = read();
    if (!values) return undefined;
    const stored = conversationFromValues(values);
    plans.conversations.set(stored.id, stored);
    return stored;
  }

  const append = plannedGroupCommit(db, planEach((plans, { conversationId, ...message }: NewMessageRecord) => {
    const conversation = conversationIn(plans, () => conversationById.get(conversationId), conversationId);
    if (!conversation) return refused(new StoreConflictError('conversation does not exist'));
    return planInto(plans, conversation, message);
  }), options);

  const appendToOpen = plannedGroupCommit(db, planEach((plans, { siteId, visitorId, ...message }: NewVisitorMessageRecord): PlannedWrite<AppendedMessage | null> => {
    const visitorKey = `${siteId}\n${visitorId}`;
    const conversation = conversationIn(plans, () => openConversationOf.get(siteId, visitorId), plans.openIds.get(visitorKey));
    if (!conversation) return { ok: true, value: null, write: noWrite };
    plans.openIds.set(visitorKey, conversation.id);
    return planInto(plans, conversation, message);
  }), options);

  return {
    append,
    appendToOpen,
    storedByClientId(conversationId, clientId) {
      const row = messageByClientId.get(conversationId, clientId);
      return row ? toMessage(row) : null;
    },
  };
}
