/** The embedded, zero-setup store: SQLite through better-sqlite3, WAL mode, one file under DATA_DIR. */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import type { Store } from '../store';
import { migrate } from './migrations';
import { registerUnicodeLower } from './unicode-lower';
import { registerSearchFold } from './search-fold';
import { sqliteConversations } from './sqlite-conversations';
import { walFlusher } from './sqlite-wal-flush';
import { startWalCheckpointer } from './sqlite-wal-checkpointer';
import { startSqliteReader } from './sqlite-read-worker';
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
  /** Called with every statement this connection runs, values filled in: for diagnosis, and the tests of what a query reads. */
  onStatement?: (sql: string) => void;
}

/** The page cache of each connection, in KiB: see openSqliteStore. */
const SQLITE_PAGE_CACHE_KIB = 8 * 1024;

export function openSqliteStore(options: SqliteStoreOptions): Store {
  if (options.filename !== ':memory:') fs.mkdirSync(path.dirname(options.filename), { recursive: true });
  const { onStatement } = options;
  const db = new Database(options.filename, onStatement ? { verbose: (sql?: unknown) => onStatement(String(sql)) } : {});
  db.pragma('journal_mode = WAL');
  // FULL: a message is acknowledged only once its commit is on disk, even if the machine dies.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // Several server processes may share the file; wait for a writer instead of failing.
  db.pragma('busy_timeout = 5000');
  // 8 MiB of page cache (SQLite's default is 2): enough for the index pages that thousands of open
  // chats touch. Not more: SQLite walks the whole cache at every commit that split a B-tree page
  // (a split renumbers pages through the lock-byte page, far past the end of the file, and the
  // commit's truncation then scans every hash slot), and at 5,000 chats that walk with 64 MiB was
  // ~4% of the main thread; a page the cache misses is read back from the OS's cache for less.
  db.pragma(`cache_size = -${SQLITE_PAGE_CACHE_KIB}`);
  registerUnicodeLower(db);
  registerSearchFold(db);
  try {
    migrate(db);
  } catch (error) {
    // A refused (newer) schema must not leave the file open and locked.
    db.close();
    throw error;
  }

  const wal = walFlusher(db);
  const checkpointer = startWalCheckpointer(db);
  const reader = startSqliteReader(db);
  return {
    kind: 'sqlite',
    async close() {
      // A group commit already queued (setImmediate) runs before this continuation: let it finish,
      // and its flush to disk.
      await new Promise((resolve) => setImmediate(resolve));
      await checkpointer.close();
      await reader.close();
      await wal.close();
      if (db.open) db.close();
    },
    ...sqliteDirectory(db),
    ...sqliteDepartmentDeletion(db),
    ...sqliteVisitors(db),
    ...sqliteCannedReplies(db),
    ...sqliteTickets(db, reader),
    ...sqliteEmailOutbox(db),
    ...sqliteConversations(db, { wal, afterAnnouncing: options.afterAnnouncing }),
    ...sqliteKnowledgeBase(db),
    ...sqliteRateLimits(db),
    ...sqliteVisitorIdentity(db),
    ...sqliteAnalytics(reader),
    ...sqliteAttachments(db),
    ...sqliteApiTokens(db),
    ...sqliteWebhooks(db),
    ...sqliteListing(db),
    ...sqliteAgentCredentials(db),
    ...sqlitePrivacy(db),
  };
}
