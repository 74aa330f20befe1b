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
  const previous = db.pragma('synchronous', { simple: true }) as number;
  if (previous <= 1) return write();
  db.pragma('synchronous = NORMAL');
  try {
    return write();
  } finally {
    db.pragma(`synchronous = ${previous}`);
  }
}
