/** Contract: rate counters — fixed windows per key, no lost hits under concurrency, ended windows start over. */
import type { ContractContext } from './context';

const T0 = Date.parse('2030-01-01T10:00:00.000Z');
const at = (seconds: number): string => new Date(T0 + seconds * 1000).toISOString();
const MINUTE = 60_000;

export function rateLimitsContract(ctx: ContractContext): void {
  describe('rate counters', () => {
    it('counts hits within a window that runs from the first hit', async () => {
      expect(await ctx.store.incrementRateCounter({ key: 'k', windowMs: MINUTE, now: at(0) })).toEqual({ count: 1, resetAt: at(60) });
      expect(await ctx.store.incrementRateCounter({ key: 'k', windowMs: MINUTE, now: at(30) })).toEqual({ count: 2, resetAt: at(60) });
      expect(await ctx.store.peekRateCounter('k', at(59))).toEqual({ count: 2, resetAt: at(60) });
      expect(await ctx.store.peekRateCounter('other', at(59))).toBeNull();
    });

    it('starts a new window at 1 once the old one has ended', async () => {
      await ctx.store.incrementRateCounter({ key: 'k', windowMs: MINUTE, now: at(0) });
      await ctx.store.incrementRateCounter({ key: 'k', windowMs: MINUTE, now: at(1) });
      expect(await ctx.store.peekRateCounter('k', at(60))).toBeNull();
      expect(await ctx.store.incrementRateCounter({ key: 'k', windowMs: MINUTE, now: at(61) })).toEqual({ count: 1, resetAt: at(121) });
    });

    it('loses no hit when many arrive at once', async () => {
      const results = await Promise.all(
        Array.from({ length: 25 }, () => ctx.store.incrementRateCounter({ key: 'busy', windowMs: MINUTE, now: at(0) })),
      );
      expect(results.map((r) => r.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    });

    it('forgets a deleted counter, and purging leaves running windows alone', async () => {
      await ctx.store.incrementRateCounter({ key: 'gone', windowMs: MINUTE, now: at(0) });
      await ctx.store.deleteRateCounter('gone');
      expect(await ctx.store.peekRateCounter('gone', at(1))).toBeNull();
      await ctx.store.incrementRateCounter({ key: 'old', windowMs: MINUTE, now: at(0) });
      await ctx.store.incrementRateCounter({ key: 'running', windowMs: 10 * MINUTE, now: at(0) });
      await ctx.store.purgeExpiredRateCounters(at(120));
      expect(await ctx.store.peekRateCounter('running', at(120))).toEqual({ count: 1, resetAt: at(600) });
    });
  });
}
