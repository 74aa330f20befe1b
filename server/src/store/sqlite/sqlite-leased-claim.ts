/** The claim under a lease that the SQLite e-mail outbox and webhook queue share: due rows, or rows whose lease lapsed. */
import type Database from 'better-sqlite3';

/** The tables that hold a leased queue: status, attempts, next_attempt_at, lease_until, created_at. */
export type LeasedQueueTable = 'email_outbox' | 'webhook_deliveries';

export interface LeasedClaimWindow {
  now: string;
  leaseUntil: string;
  limit: number;
}

interface QueueRow {
  next_attempt_at: string;
  created_at: string;
}

/** Prepares the claim on `table`; the function it returns claims up to `limit` rows, oldest due first. */
export function prepareLeasedClaim<Row extends QueueRow>(db: Database.Database, table: LeasedQueueTable): (window: LeasedClaimWindow) => Row[] {
  // One statement: SQLite takes the write lock before it evaluates the subquery, so the rows it
  // picks cannot be picked by another connection in between; a second claimer sees them leased.
  const claim = db.prepare<[LeasedClaimWindow], Row>(
    `UPDATE ${table} SET status = 'sending', lease_until = @leaseUntil, attempts = attempts + 1
     WHERE id IN (
       SELECT id FROM ${table}
       WHERE (status = 'pending' AND next_attempt_at <= @now) OR (status = 'sending' AND lease_until < @now)
       ORDER BY next_attempt_at, created_at
       LIMIT @limit)
     RETURNING *`,
  );
  return ({ now, leaseUntil, limit }) => {
    if (limit <= 0) return [];
    // RETURNING gives no order; callers send oldest first.
    return claim
      .all({ now, leaseUntil, limit })
      .sort((a, b) => a.next_attempt_at.localeCompare(b.next_attempt_at) || a.created_at.localeCompare(b.created_at));
  };
}
