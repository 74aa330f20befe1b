/** The embedded, zero-setup store: SQLite through better-sqlite3, WAL mode, one file under DATA_DIR. */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import type { Store } from '../store';
import { migrate } from './migrations';
import { registerUnicodeLower } from './unicode-lower';
import { sqliteConversations } from './sqlite-conversations';
import { walFlusher } from './sqlite-wal-flush';
import { startWalCheckpointer } from './sqlite-wal-checkpointer';
import { sqliteDirectory } from './sqlite-directory';
import { sqliteDepartmentDeletion } from './sqlite-department-deletion';
import { sqliteCannedReplies } from './sqlite-canned-replies';
import { sqliteVisitors } from './sqlite-visitors';
import { sqliteTickets } from './sqlite-tickets';
import { sqliteEmailOutbox } from './sqlite-email-outbox';
import { sqliteKnowledgeBase } from './sqlite-knowledge-base';
import { sqliteRateLimits } from './sqlite-rate-limits';
import { sqliteAgentCredentials } from './sqlite-agent-credentials';
import { sqliteVisitorIdentity } from './sqlite-visitor-identity';
import { sqliteAnalytics } from './sqlite-analytics';
import { sqliteAttachments } from './sqlite-attachments';
import { sqliteApiTokens } from './sqlite-api-tokens';
import { sqliteWebhooks } from './sqlite-webhooks';
import { sqliteListing } from './sqlite-listing';
import { sqlitePrivacy } from './sqlite-privacy';

export interface SqliteStoreOptions {
  /** A file path, or ':memory:' for tests that need no file. */
  filename: string;
  /** See MessageAppendOptions: what to let out once a batch's messages are announced, before they are written. */
  afterAnnouncing?: () => void;
}

export function openSqliteStore(options: SqliteStoreOptions): Store {
  if (options.filename !== ':memory:') fs.mkdirSync(path.dirname(options.filename), { recursive: true });
  const db = new Database(options.filename);
  db.pragma('journal_mode = WAL');
  // FULL: a message is acknowledged only once its commit is on disk, even if the machine dies.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // Several server processes may share the file; wait for a writer instead of failing.
  db.pragma('busy_timeout = 5000');
  // 64 MiB of page cache instead of SQLite's 2 MiB: a message touches index pages of its conversation
  // all over the file, and with thousands of chats open most of them were read again from the OS.
  db.pragma(`cache_size = -${64 * 1024}`);
  registerUnicodeLower(db);
  try {
    migrate(db);
  } catch (error) {
    // A refused (newer) schema must not leave the file open and locked.
    db.close();
    throw error;
  }

  const wal = walFlusher(db);
  const checkpointer = startWalCheckpointer(db);
  return {
    kind: 'sqlite',
    async close() {
      // A group commit already queued (setImmediate) runs before this continuation: let it finish,
      // and its flush to disk.
      await new Promise((resolve) => setImmediate(resolve));
      await checkpointer.close();
      await wal.close();
      if (db.open) db.close();
    },
    ...sqliteDirectory(db),
    ...sqliteDepartmentDeletion(db),
    ...sqliteVisitors(db),
    ...sqliteCannedReplies(db),
    ...sqliteTickets(db),
    ...sqliteEmailOutbox(db),
    ...sqliteConversations(db, { wal, afterAnnouncing: options.afterAnnouncing }),
    ...sqliteKnowledgeBase(db),
    ...sqliteRateLimits(db),
    ...sqliteVisitorIdentity(db),
    ...sqliteAnalytics(db),
    ...sqliteAttachments(db),
    ...sqliteApiTokens(db),
    ...sqliteWebhooks(db),
    ...sqliteListing(db),
    ...sqliteAgentCredentials(db),
    ...sqlitePrivacy(db),
  };
}
