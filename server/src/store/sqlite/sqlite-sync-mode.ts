/** Which SQLite writes wait for the disk, and which need not. */
import type Database from 'better-sqlite3';

/**
 * Runs a write without waiting for the disk. In WAL mode, synchronous=NORMAL keeps the file
 * consistent and loses nothing when the process dies (SIGKILL included): only a power loss or an
 * OS crash may drop the last such commits. The next FULL commit (a message) syncs these frames with
 * it, since the WAL is written in order. For writes whose loss then changes nothing a client was
 * promised: rate counts, a visitor's row before their first message, a conversation opened by a
 * message not yet acknowledged, an assignment (the chat would go back to the queue and be routed
 * again). better-sqlite3 is synchronous, so no other statement runs in between.
 */
export function withoutFsync<T>(db: Database.Database, write: () => T): T {
  const pragmas = syncPragmasOf(db);
  const previous = pragmas.read.get() as number;
  if (previous <= 1) return write();
  pragmas.normal.run();
  try {
    return write();
  } finally {
    (pragmas.restore.get(previous) ?? db.prepare(`PRAGMA synchronous = ${previous}`)).run();
  }
}

interface SyncPragmas {
  read: Database.Statement;
  normal: Database.Statement;
  restore: Map<number, Database.Statement>;
}

// Prepared once per connection: db.pragma() prepares its statement on every call, and message
// batches switch the mode twice per commit.
const preparedPragmas = new WeakMap<Database.Database, SyncPragmas>();

function syncPragmasOf(db: Database.Database): SyncPragmas {
  let pragmas = preparedPragmas.get(db);
  if (!pragmas) {
    pragmas = {
      read: db.prepare('PRAGMA synchronous').pluck(),
      normal: db.prepare('PRAGMA synchronous = NORMAL'),
      restore: new Map([2, 3].map((level) => [level, db.prepare(`PRAGMA synchronous = ${level}`)])),
    };
    preparedPragmas.set(db, pragmas);
  }
  return pragmas;
}
