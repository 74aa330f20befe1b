/**
 * The RateLimiter port and its store-backed implementation: counters live in the store, so every
 * Parley process sharing it counts the same hits (no limit multiplied by the number of processes).
 */
import { DomainError } from '../domain/domain-error';
import type { RateLimitStore } from '../store/rate-limit.store';
import { hashToken } from '../tokens';
import { createRateReservations } from './rate-reservations';

export interface RateLimitRule {
  /** Part of the counter key; one counter per rule and subject. */
  readonly name: string;
  readonly limit: number;
  readonly windowMs: number;
  /**
   * For hitInTurn: hits counted in the store at a time and spent by this process, one store write
   * per `reserve` hits (rate-reservations.ts: never past the limit, possibly a few hits early).
   */
  readonly reserve?: number;
}

export interface RateDecision {
  allowed: boolean;
  /** Hits in the current window, this one included when counted. */
  count: number;
  /** Until the window ends; 0 when no window runs. */
  retryAfterMs: number;
}

export interface RateLimiter {
  /** Counts one hit of `subject` under `rule`; not allowed once the count passes the limit. */
  hit(rule: RateLimitRule, subject: string): Promise<RateDecision>;
  /**
   * Counts one hit under each rule in turn, in one request to the store, and stops at the first
   * not allowed (the later ones are not counted): its decision is then the last one returned.
   */
  hitInTurn(checks: readonly (readonly [RateLimitRule, string])[]): Promise<RateDecision[]>;
  /** Whether `subject` is already at the limit, without counting. */
  peek(rule: RateLimitRule, subject: string): Promise<RateDecision>;
  reset(rule: RateLimitRule, subject: string): Promise<void>;
}

export interface StoreRateLimiterDeps {
  store: RateLimitStore;
  now?: () => Date;
}

// Ended windows are purged at most this often, by whichever process counts a hit first.
const PURGE_EVERY_MS = 60_000;
/** Counter keys kept per rule. */
const KEY_CACHE_SIZE = 20_000;

export function createStoreRateLimiter({ store, now = () => new Date() }: StoreRateLimiterDeps): RateLimiter {
  // Subjects are e-mails and addresses: the store keeps only their hashes. A chatting visitor's
  // subjects come back with every message, so each rule's counter keys are kept (losing them costs one
  // hash each). The key itself is kept, not only the hash: a key built anew for every hit is a fresh
  // string that each Map lookup hashes and compares again (under perf at 5,000 msg/s, hitInTurn took
  // 3.4% of the main thread with a fresh key per hit and 2.4% with kept keys).
  const keysByRule = new Map<RateLimitRule, Map<string, string>>();
  const keyOf = (rule: RateLimitRule, subject: string): string => {
    let keys = keysByRule.get(rule);
    if (!keys) keysByRule.set(rule, (keys = new Map()));
    let key = keys.get(subject);
    if (key === undefined) {
      if (keys.size >= KEY_CACHE_SIZE) keys.clear();
      key = `${rule.name}:${hashToken(subject)}`;
      keys.set(subject, key);
    }
    return key;
  };
  // Losing this timestamp (another process, a restart) changes nothing but when the next purge runs.
  let lastPurge = 0;

  const reservations = createRateReservations();

  function purgeNowAndThen(at: Date): void {
    if (at.getTime() - lastPurge < PURGE_EVERY_MS) return;
    lastPurge = at.getTime();
    reservations.dropEnded(at.getTime());
    store.purgeExpiredRateCounters(at.toISOString()).catch(() => undefined);
  }

  /**
   * The decision on a hit that is the `count`th of its window. Takes the count apart from the counter
   * (not a `{ ...counter, count }` copy): in Node 20's optimized code each such copy gets a hidden class
   * of its own (see sqlite-message-appends.ts).
   */
  const decision = (rule: RateLimitRule, count: number, { resetAt, at }: { resetAt: string; at: Date }): RateDecision => ({
    allowed: count <= rule.limit, count, retryAfterMs: Math.max(0, Date.parse(resetAt) - at.getTime()),
  });

  type Check = readonly [RateLimitRule, string];

  /** A decision from this process's reservation for the check, or null when it has none left. */
  function spendReserved([rule, subject]: Check, at: Date): RateDecision | null {
    const spent = rule.reserve ? reservations.spend(keyOf(rule, subject), at.getTime()) : null;
    return spent && { allowed: true, count: spent.count, retryAfterMs: Math.max(0, spent.resetAtMs - at.getTime()) };
  }

  const hasReserved = ([rule, subject]: Check, at: Date): boolean =>
    rule.reserve !== undefined && reservations.has(keyOf(rule, subject), at.getTime());

  /** Counts the checks in the store, in one request, reserving ahead where the rule says so. */
  async function countInStore(checks: readonly Check[], at: Date): Promise<RateDecision[]> {
    const hits = checks.map(([rule, subject]) => ({
      key: keyOf(rule, subject), windowMs: rule.windowMs, limit: rule.limit, by: rule.reserve ?? 1,
    }));
    const counted = await store.incrementRateCounters({ hits, now: at.toISOString() });
    return counted.map((counter, i) => {
      const hit = hits[i] as (typeof hits)[number];
      const rule = (checks[i] as Check)[0];
      if (rule.reserve) reservations.keep(hit.key, counter, hit);
      // The first of the `by` hits just counted: the one spent now.
      return decision(rule, counter.count - hit.by + 1, { resetAt: counter.resetAt, at });
    });
  }

  return {
    async hit(rule, subject) {
      const at = now();
      purgeNowAndThen(at);
      const counter = await store.incrementRateCounter({ key: keyOf(rule, subject), windowMs: rule.windowMs, now: at.toISOString() });
      return decision(rule, counter.count, { resetAt: counter.resetAt, at });
    },
    async hitInTurn(checks) {
      const at = now();
      purgeNowAndThen(at);
      // In order, and no later check is counted once one refuses (a visitor flooding must not use up
      // their colleagues' address): reserved hits are spent as their turn comes, and each run of
      // checks with none reserved goes to the store in one request.
      const decisions: RateDecision[] = [];
      let next = 0;
      while (next < checks.length) {
        const reserved = spendReserved(checks[next] as Check, at);
        if (reserved) {
          decisions.push(reserved);
          next += 1;
          continue;
        }
        let end = next + 1;
        while (end < checks.length && !hasReserved(checks[end] as Check, at)) end += 1;
        const counted = await countInStore(checks.slice(next, end), at);
        decisions.push(...counted);
        if (counted.length < end - next || counted.some((d) => !d.allowed)) return decisions;
        next = end;
      }
      return decisions;
    },
    async peek(rule, subject) {
      const at = now();
      const counter = await store.peekRateCounter(keyOf(rule, subject), at.toISOString());
      if (!counter) return { allowed: true, count: 0, retryAfterMs: 0 };
      return {
        allowed: counter.count < rule.limit,
        count: counter.count,
        retryAfterMs: Math.max(0, Date.parse(counter.resetAt) - at.getTime()),
      };
    },
    async reset(rule, subject) {
      reservations.forget(keyOf(rule, subject));
      await store.deleteRateCounter(keyOf(rule, subject));
    },
  };
}

/** "42 seconds" or "15 minutes": how long a refused client should wait, in words it can show. */
export function waitInWords(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 120) return `${seconds} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

/**
 * A refusal over a limit: the wait in words for whoever reads the message, and in numbers for
 * clients that say it in their own language (and for HTTP's Retry-After).
 */
export function rateLimited(reason: string, retryAfterMs: number): DomainError {
  return new DomainError('RATE_LIMITED', `${reason} Try again in ${waitInWords(retryAfterMs)}.`, { retryAfterMs });
}

/** One count a request makes: a rule and whom it counts (null: no trusted address, so it cannot apply). */
export type RateCheck = readonly [rule: RateLimitRule, subject: string | null];

/** Counts a hit on each check in turn; the first over its limit refuses with RATE_LIMITED and the wait. */
export async function enforceLimits(limiter: RateLimiter, checks: readonly RateCheck[], reason: string): Promise<void> {
  for (const [rule, subject] of checks) {
    if (subject === null) continue;
    const decision = await limiter.hit(rule, subject);
    if (!decision.allowed) throw rateLimited(reason, decision.retryAfterMs);
  }
}
