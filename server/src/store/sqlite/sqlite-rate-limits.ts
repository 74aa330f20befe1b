/** SQLite rate counters: one upsert per hit, so concurrent processes on one file never lose a count. */
import type Database from 'better-sqlite3';
import type { RateCounter, RateLimitStore } from '../rate-limit.store';

interface CounterRow {
  count: number;
  reset_at: string;
}

const toCounter = (row: CounterRow): RateCounter => ({ count: row.count, resetAt: row.reset_at });

export function sqliteRateLimits(db: Database.Database): RateLimitStore {
  // ISO timestamps of one format compare correctly as text.
  const increment = db.prepare<{ key: string; now: string; resetAt: string }, CounterRow>(
    `INSERT INTO rate_counters (key, count, reset_at) VALUES (@key, 1, @resetAt)
     ON CONFLICT (key) DO UPDATE SET
       count = CASE WHEN rate_counters.reset_at <= @now THEN 1 ELSE rate_counters.count + 1 END,
       reset_at = CASE WHEN rate_counters.reset_at <= @now THEN @resetAt ELSE rate_counters.reset_at END
     RETURNING count, reset_at`,
  );
  const peek = db.prepare<[string, string], CounterRow>('SELECT count, reset_at FROM rate_counters WHERE key = ? AND reset_at > ?');
  const remove = db.prepare<[string]>('DELETE FROM rate_counters WHERE key = ?');
  const purge = db.prepare<[string]>('DELETE FROM rate_counters WHERE reset_at <= ?');

  return {
    async incrementRateCounter({ key, windowMs, now }) {
      const resetAt = new Date(Date.parse(now) + windowMs).toISOString();
      const row = increment.get({ key, now, resetAt });
      if (!row) throw new Error('rate_counters upsert returned no row');
      return toCounter(row);
    },
    async peekRateCounter(key, now) {
      const row = peek.get(key, now);
      return row ? toCounter(row) : null;
    },
    async deleteRateCounter(key) {
      remove.run(key);
    },
    async purgeExpiredRateCounters(now) {
      return purge.run(now).changes;
    },
  };
}
