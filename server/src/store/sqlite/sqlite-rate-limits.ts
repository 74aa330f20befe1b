/**
 * SQLite rate counters: one upsert per hit, so concurrent processes on one file never lose a count;
 * the hits of one event-loop turn share one transaction.
 */
import type Database from 'better-sqlite3';
import type { RateCounter, RateHit, RateLimitStore } from '../rate-limit.store';
import { groupCommit } from './sqlite-group-commit';
import { withoutFsync } from './sqlite-sync-mode';

interface CounterRow {
  count: number;
  reset_at: string;
}

const toCounter = (row: CounterRow): RateCounter => ({ count: row.count, resetAt: row.reset_at });

export function sqliteRateLimits(db: Database.Database): RateLimitStore {
  // ISO timestamps of one format compare correctly as text. Most hits fall in a running window: they
  // change only the count (the expiry index untouched); the upsert starts or restarts a window.
  const countInWindow = db.prepare<{ key: string; now: string; by: number }, CounterRow>(
    'UPDATE rate_counters SET count = count + @by WHERE key = @key AND reset_at > @now RETURNING count, reset_at',
  );
  const increment = db.prepare<{ key: string; now: string; resetAt: string; by: number }, CounterRow>(
    `INSERT INTO rate_counters (key, count, reset_at) VALUES (@key, @by, @resetAt)
     ON CONFLICT (key) DO UPDATE SET
       count = CASE WHEN rate_counters.reset_at <= @now THEN @by ELSE rate_counters.count + @by END,
       reset_at = CASE WHEN rate_counters.reset_at <= @now THEN @resetAt ELSE rate_counters.reset_at END
     RETURNING count, reset_at`,
  );
  const peek = db.prepare<[string, string], CounterRow>('SELECT count, reset_at FROM rate_counters WHERE key = ? AND reset_at > ?');
  const remove = db.prepare<[string]>('DELETE FROM rate_counters WHERE key = ?');
  const purge = db.prepare<[string]>('DELETE FROM rate_counters WHERE reset_at <= ?');

  function countOne({ key, windowMs, by = 1 }: Omit<RateHit, 'limit'>, now: string): RateCounter {
    const counted = countInWindow.get({ key, now, by });
    if (counted) return toCounter(counted);
    const resetAt = new Date(Date.parse(now) + windowMs).toISOString();
    const row = increment.get({ key, now, resetAt, by });
    if (!row) throw new Error('rate_counters upsert returned no row');
    return toCounter(row);
  }
  function countInTurn({ hits, now }: { hits: RateHit[]; now: string }): RateCounter[] {
    const counted: RateCounter[] = [];
    for (const hit of hits) {
      const counter = countOne(hit, now);
      counted.push(counter);
      if (counter.count - (hit.by ?? 1) + 1 > hit.limit) break;
    }
    return counted;
  }
  // Every message meets several limits: the hits of one event-loop turn share one commit.
  const counting = groupCommit(db, countInTurn, { around: (commit) => withoutFsync(db, commit) });

  return {
    async incrementRateCounters(input) {
      return counting.write(input);
    },
    async incrementRateCounter({ key, windowMs, now }) {
      const [counter] = await counting.write({ hits: [{ key, windowMs, limit: Number.POSITIVE_INFINITY }], now });
      if (!counter) throw new Error('rate_counters upsert returned no row');
      return counter;
    },
    async peekRateCounter(key, now) {
      const row = peek.get(key, now);
      return row ? toCounter(row) : null;
    },
    async deleteRateCounter(key) {
      withoutFsync(db, () => remove.run(key));
    },
    async purgeExpiredRateCounters(now) {
      return withoutFsync(db, () => purge.run(now).changes);
    },
  };
}
