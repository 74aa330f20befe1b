/** The rate-limit part of the storage seam: counters every server process shares, one fixed window per key. */

export interface RateCounter {
  /** Hits in the current window. */
  count: number;
  /** When the current window ends (ISO); the next hit after it starts a new window at 1. */
  resetAt: string;
}

export interface RateHit {
  key: string;
  windowMs: number;
  limit: number;
  /** Hits counted at once (1 when absent): a process may reserve several and spend them itself. */
  by?: number;
}

export interface RateLimitStore {
  /**
   * Counts one hit on `key` in one atomic write: +1 inside a running window, or a new window of
   * `windowMs` starting at `now` with count 1 when none runs. Two processes never lose a hit.
   */
  incrementRateCounter(input: { key: string; windowMs: number; now: string }): Promise<RateCounter>;
  /**
   * Counts `by` hits (one by default) on each key in turn, as incrementRateCounter does, and stops
   * after the first whose first hit of them passes its `limit` (count - by + 1 > limit): the keys
   * after it are not counted. Returns the counters counted, in order. One request for all the
   * limits a message meets.
   */
  incrementRateCounters(input: { hits: RateHit[]; now: string }): Promise<RateCounter[]>;
  /** The counter as it stands at `now`, without counting; null when no window runs. */
  peekRateCounter(key: string, now: string): Promise<RateCounter | null>;
  deleteRateCounter(key: string): Promise<void>;
  /** Removes counters whose window has ended; returns how many (MongoDB's TTL index does this itself). */
  purgeExpiredRateCounters(now: string): Promise<number>;
}
