/** The embedded, zero-setup store: SQLite through better-sqlite3, WAL mode, one file under DATA_DIR. */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import type { AgentStatus, Conversation } from '@parley/shared';
import { newId } from '../../tokens';
import {
  StoreConflictError,
  type ConversationQuery,
  type NewAgentRecord,
  type NewConversationRecord,
  type NewMessageRecord,
  type Store,
} from '../store';
import { migrate } from './migrations';
import {
  authorColumns, toAgent, toAgentWithSecret, toConversation, toMessage, toSite, toVisitor,
  type AgentRow, type ConversationRow, type MessageRow, type SiteRow, type VisitorRow,
} from './rows';

const now = (): string => new Date().toISOString();

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Error && 'code' in error &&
    (error as { code: string }).code.startsWith('SQLITE_CONSTRAINT_UNIQUE');
}

export interface SqliteStoreOptions {
  /** A file path, or ':memory:' for tests that need no file. */
  filename: string;
}

export function openSqliteStore(options: SqliteStoreOptions): Store {
  if (options.filename !== ':memory:') fs.mkdirSync(path.dirname(options.filename), { recursive: true });
  const db = new Database(options.filename);
  db.pragma('journal_mode = WAL');
  // NORMAL is durable across process crashes in WAL mode (only an OS crash may lose the tail).
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);

  const conversationById = db.prepare<[string], ConversationRow>('SELECT * FROM conversations WHERE id = ?');
  const openConversationOf = db.prepare<[string, string], ConversationRow>(
    "SELECT * FROM conversations WHERE site_id = ? AND visitor_id = ? AND status <> 'resolved'",
  );
  const messageByClientId = db.prepare<[string, string], MessageRow>(
    'SELECT * FROM messages WHERE conversation_id = ? AND client_id = ?',
  );
  const bumpSeq = db.prepare<[string, string], { last_seq: number }>(
    'UPDATE conversations SET last_seq = last_seq + 1, updated_at = ? WHERE id = ? RETURNING last_seq',
  );
  const insertMessage = db.prepare(
    `INSERT INTO messages (id, conversation_id, seq, client_id, author_kind, author_id, author_name, text, created_at)
     VALUES (@id, @conversationId, @seq, @clientId, @kind, @authorId, @authorName, @text, @createdAt)`,
  );

  const appendMessageTx = db.transaction((input: NewMessageRecord) => {
    const existing = messageByClientId.get(input.conversationId, input.clientId);
    if (existing) return { message: toMessage(existing), created: false };
    const createdAt = now();
    const bumped = bumpSeq.get(createdAt, input.conversationId);
    if (!bumped) throw new StoreConflictError('conversation does not exist');
    const author = authorColumns(input.author);
    const id = newId();
    insertMessage.run({
      id, conversationId: input.conversationId, seq: bumped.last_seq, clientId: input.clientId,
      kind: author.kind, authorId: author.id, authorName: author.name, text: input.text, createdAt,
    });
    const row = db.prepare<[string], MessageRow>('SELECT * FROM messages WHERE id = ?').get(id) as MessageRow;
    return { message: toMessage(row), created: true };
  });

  const openConversationTx = db.transaction((input: NewConversationRecord) => {
    const existing = openConversationOf.get(input.siteId, input.visitorId);
    if (existing) return { conversation: toConversation(existing), created: false };
    const id = newId();
    const at = now();
    db.prepare(
      `INSERT INTO conversations (id, site_id, visitor_id, visitor_name, status, locale, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'queued', ?, ?, ?)`,
    ).run(id, input.siteId, input.visitorId, input.visitorName, input.locale, at, at);
    return { conversation: toConversation(conversationById.get(id) as ConversationRow), created: true };
  });

  return {
    kind: 'sqlite',
    async close() {
      db.close();
    },

    async createSite({ key, name }) {
      const row: SiteRow = { id: newId(), key, name, created_at: now() };
      try {
        db.prepare('INSERT INTO sites (id, key, name, created_at) VALUES (@id, @key, @name, @created_at)').run(row);
      } catch (error) {
        if (isUniqueViolation(error)) throw new StoreConflictError('site key taken');
        throw error;
      }
      return toSite(row);
    },
    async findSiteByKey(key) {
      const row = db.prepare<[string], SiteRow>('SELECT * FROM sites WHERE key = ?').get(key);
      return row ? toSite(row) : null;
    },
    async findSiteById(id) {
      const row = db.prepare<[string], SiteRow>('SELECT * FROM sites WHERE id = ?').get(id);
      return row ? toSite(row) : null;
    },
    async listSites() {
      return db.prepare<[], SiteRow>('SELECT * FROM sites ORDER BY created_at, id').all().map(toSite);
    },

    async createAgent(input: NewAgentRecord) {
      const id = newId();
      try {
        db.prepare(
          `INSERT INTO agents (id, site_id, email, name, role, password_hash, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        ).run(id, input.siteId, input.email, input.name, input.role, input.passwordHash, now());
      } catch (error) {
        if (isUniqueViolation(error)) throw new StoreConflictError('e-mail taken');
        throw error;
      }
      return toAgent(db.prepare<[string], AgentRow>('SELECT * FROM agents WHERE id = ?').get(id) as AgentRow);
    },
    async findAgentById(id) {
      const row = db.prepare<[string], AgentRow>('SELECT * FROM agents WHERE id = ?').get(id);
      return row ? toAgent(row) : null;
    },
    async findAgentWithSecretByEmail(email) {
      const row = db.prepare<[string], AgentRow>('SELECT * FROM agents WHERE email = ?').get(email);
      return row ? toAgentWithSecret(row) : null;
    },
    async setAgentStatus(agentId: string, status: AgentStatus) {
      const row = db
        .prepare<[string, string], AgentRow>('UPDATE agents SET status = ? WHERE id = ? RETURNING *')
        .get(status, agentId);
      return row ? toAgent(row) : null;
    },
    async listAgents(siteId) {
      return db
        .prepare<[string], AgentRow>('SELECT * FROM agents WHERE site_id = ? ORDER BY created_at, id')
        .all(siteId)
        .map(toAgent);
    },

    async createAgentSession({ tokenHash, agentId, expiresAt }) {
      db.prepare('INSERT INTO agent_sessions (token_hash, agent_id, expires_at) VALUES (?, ?, ?)').run(
        tokenHash, agentId, expiresAt,
      );
    },
    async findAgentSession(tokenHash) {
      const row = db
        .prepare<[string], { agent_id: string; expires_at: string }>(
          'SELECT agent_id, expires_at FROM agent_sessions WHERE token_hash = ?',
        )
        .get(tokenHash);
      return row ? { agentId: row.agent_id, expiresAt: row.expires_at } : null;
    },
    async deleteAgentSession(tokenHash) {
      db.prepare('DELETE FROM agent_sessions WHERE token_hash = ?').run(tokenHash);
    },

    async createVisitor({ siteId, tokenHash, locale }) {
      const row: VisitorRow & { token_hash: string } = {
        id: newId(), site_id: siteId, token_hash: tokenHash, name: null, email: null, locale, created_at: now(),
      };
      db.prepare(
        `INSERT INTO visitors (id, site_id, token_hash, name, email, locale, created_at)
         VALUES (@id, @site_id, @token_hash, @name, @email, @locale, @created_at)`,
      ).run(row);
      return toVisitor(row);
    },
    async findVisitorByTokenHash(siteId, tokenHash) {
      const row = db
        .prepare<[string, string], VisitorRow>('SELECT * FROM visitors WHERE site_id = ? AND token_hash = ?')
        .get(siteId, tokenHash);
      return row ? toVisitor(row) : null;
    },

    async openConversation(input) {
      try {
        return openConversationTx.immediate(input);
      } catch (error) {
        // Another process opened one between our read and insert: the unique index refused ours.
        if (!isUniqueViolation(error)) throw error;
        const existing = openConversationOf.get(input.siteId, input.visitorId);
        if (!existing) throw error;
        return { conversation: toConversation(existing), created: false };
      }
    },
    async findOpenConversation(siteId, visitorId) {
      const row = openConversationOf.get(siteId, visitorId);
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
      const row = conversationById.get(id);
      return row ? toConversation(row) : null;
    },
    async listConversations({ siteId, statuses, limit = 200 }: ConversationQuery) {
      const wanted = statuses && statuses.length > 0 ? statuses : ['queued', 'assigned', 'resolved'];
      const placeholders = wanted.map(() => '?').join(',');
      return db
        .prepare<unknown[], ConversationRow>(
          `SELECT * FROM conversations WHERE site_id = ? AND status IN (${placeholders})
           ORDER BY created_at DESC, rowid DESC LIMIT ?`,
        )
        .all(siteId, ...wanted, limit)
        .map(toConversation);
    },
    async claimConversation({ conversationId, agentId }) {
      const row = db
        .prepare<[string, string, string], ConversationRow>(
          `UPDATE conversations SET status = 'assigned', assigned_agent_id = ?, updated_at = ?
           WHERE id = ? AND status = 'queued' RETURNING *`,
        )
        .get(agentId, now(), conversationId);
      return row ? toConversation(row) : null;
    },
    async resolveConversation(conversationId): Promise<Conversation | null> {
      const row = db
        .prepare<[string, string], ConversationRow>(
          `UPDATE conversations SET status = 'resolved', updated_at = ?
           WHERE id = ? AND status <> 'resolved' RETURNING *`,
        )
        .get(now(), conversationId);
      return row ? toConversation(row) : null;
    },

    async appendMessage(input) {
      try {
        return appendMessageTx.immediate(input);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        const existing = messageByClientId.get(input.conversationId, input.clientId);
        if (!existing) throw error;
        return { message: toMessage(existing), created: false };
      }
    },
    async listMessages({ conversationId, afterSeq = 0, limit = 500 }) {
      return db
        .prepare<[string, number, number], MessageRow>(
          'SELECT * FROM messages WHERE conversation_id = ? AND seq > ? ORDER BY seq LIMIT ?',
        )
        .all(conversationId, afterSeq, limit)
        .map(toMessage);
    },
  };
}
