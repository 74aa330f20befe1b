/** The rate-limit part of the storage seam: counters every server process shares, one fixed window per key. */

export interface RateCounter {
  /** Hits in the current window. */
  count: number;
  /** When the current window ends (ISO); the next hit after it starts a new window at 1. */
  resetAt: string;
}

export interface RateLimitStore {
  /**
   * Counts one hit on `key` in one atomic write: +1 inside a running window, or a new window of
   * `windowMs` starting at `now` with count 1 when none runs. Two processes never lose a hit.
   */
  incrementRateCounter(input: { key: string; windowMs: number; now: string }): Promise<RateCounter>;
  /** The counter as it stands at `now`, without counting; null when no window runs. */
  peekRateCounter(key: string, now: string): Promise<RateCounter | null>;
  deleteRateCounter(key: string): Promise<void>;
  /** Removes counters whose window has ended; returns how many (MongoDB's TTL index does this itself). */
  purgeExpiredRateCounters(now: string): Promise<number>;
}
