/** The store-backed rate limiter, over a real SQLite store: exact counts, and hits reserved ahead. */
import { openSqliteStore } from '../store/sqlite/sqlite.store';
import type { Store } from '../store/store';
import { createStoreRateLimiter, type RateLimitRule } from './rate-limiter';

const MINUTE = 60_000;
const T0 = Date.parse('2030-01-01T10:00:00.000Z');

let store: Store;
let storeRequests: number;
/** The real store, with its counting requests counted. */
let watched: Store;
let clock: number;
beforeEach(() => {
  store = openSqliteStore({ filename: ':memory:' });
  storeRequests = 0;
  watched = Object.assign(Object.create(store) as Store, {
    incrementRateCounters: (input: Parameters<Store['incrementRateCounters']>[0]) => {
      storeRequests += 1;
      return store.incrementRateCounters(input);
    },
  });
  clock = T0;
});
afterEach(() => store.close());

const limiterOn = (s: Store) => createStoreRateLimiter({ store: s, now: () => new Date(clock) });
const messages: RateLimitRule = { name: 'messages', limit: 100, windowMs: MINUTE, reserve: 10 };

async function sendUntilRefused(limiter: ReturnType<typeof limiterOn>, rule: RateLimitRule, subject: string) {
  const counts: number[] = [];
  for (;;) {
    const [decision] = await limiter.hitInTurn([[rule, subject]]);
    if (!decision?.allowed) return { counts, refusedAt: decision?.count };
    counts.push(decision.count);
  }
}

test('hits reserved ten at a time: one store request per ten, every hit numbered, refused past the limit', async () => {
  const { counts, refusedAt } = await sendUntilRefused(limiterOn(watched), messages, 'vera');
  expect(counts).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
  expect(refusedAt).toBe(101);
  expect(storeRequests).toBe(11);
});

test('a rule without a reservation asks the store for every hit', async () => {
  const exact = { ...messages, reserve: undefined, limit: 5 };
  const { counts } = await sendUntilRefused(limiterOn(watched), exact, 'otto');
  expect(counts).toEqual([1, 2, 3, 4, 5]);
  expect(storeRequests).toBe(6);
});

test('two processes on one store never admit past the limit together, and lose at most a reservation each', async () => {
  const first = limiterOn(store);
  const second = limiterOn(store);
  let admitted = 0;
  for (let i = 0; i < 150; i += 1) {
    const [decision] = await (i % 3 === 0 ? second : first).hitInTurn([[messages, 'office']]);
    if (decision?.allowed) admitted += 1;
  }
  const reserve = messages.reserve ?? 1;
  expect(admitted).toBeLessThanOrEqual(100);
  expect(admitted).toBeGreaterThanOrEqual(100 - 2 * (reserve - 1));
});

test('hits reserved in a window that has ended are not spent: the next hit starts a new window', async () => {
  const limiter = limiterOn(watched);
  await limiter.hitInTurn([[messages, 'late']]);
  clock = T0 + MINUTE + 1;
  const [decision] = await limiter.hitInTurn([[messages, 'late']]);
  expect(decision).toMatchObject({ allowed: true, count: 1 });
  expect(storeRequests).toBe(2);
});

test('a refusal by a later check keeps the earlier, reserved one counted, and reset forgets the reservation', async () => {
  const limiter = limiterOn(watched);
  const tight: RateLimitRule = { name: 'tight', limit: 1, windowMs: MINUTE };
  expect((await limiter.hitInTurn([[messages, 'ann'], [tight, 'ann']])).map((d) => d.allowed)).toEqual([true, true]);
  // The first check is spent from the reservation; the second still goes to the store and refuses.
  expect((await limiter.hitInTurn([[messages, 'ann'], [tight, 'ann']])).map((d) => [d.allowed, d.count])).toEqual([[true, 2], [false, 2]]);
  await limiter.reset(messages, 'ann');
  const [afterReset] = await limiter.hitInTurn([[messages, 'ann']]);
  expect(afterReset).toMatchObject({ allowed: true, count: 1 });
});

test('a visitor refused for flooding uses up nothing of their address, reserved or not', async () => {
  const limiter = limiterOn(store);
  const perVisitor: RateLimitRule = { name: 'visitor', limit: 5, windowMs: MINUTE, reserve: 2 };
  const perAddress: RateLimitRule = { name: 'address', limit: 50, windowMs: MINUTE, reserve: 5 };
  let admitted = 0;
  for (let i = 0; i < 20; i += 1) {
    const decisions = await limiter.hitInTurn([[perVisitor, 'flooder'], [perAddress, '198.51.100.7']]);
    if (decisions.every((d) => d.allowed)) admitted += 1;
  }
  expect(admitted).toBe(5);
  // One reservation of five covered the five admitted messages; the fifteen refused counted nothing.
  expect(await limiter.peek(perAddress, '198.51.100.7')).toMatchObject({ count: 5, allowed: true });
  const [colleague] = await limiter.hitInTurn([[perAddress, '198.51.100.7']]);
  expect(colleague).toMatchObject({ allowed: true, count: 6 });
});
