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

    it('counts several keys in one request, in order, and stops after the first past its limit', async () => {
      const hits = [
        { key: 'visitor', windowMs: MINUTE, limit: 2 },
        { key: 'address', windowMs: 10 * MINUTE, limit: 5 },
      ];
      expect(await ctx.store.incrementRateCounters({ hits, now: at(0) })).toEqual([
        { count: 1, resetAt: at(60) },
        { count: 1, resetAt: at(600) },
      ]);
      await ctx.store.incrementRateCounters({ hits, now: at(1) });
      expect(await ctx.store.incrementRateCounters({ hits, now: at(2) })).toEqual([{ count: 3, resetAt: at(60) }]);
      expect(await ctx.store.peekRateCounter('address', at(3))).toEqual({ count: 2, resetAt: at(600) });
    });

    it('counts several hits at once, and judges the stop by the first of them', async () => {
      const visitor = { key: 'reserving', windowMs: MINUTE, limit: 10, by: 4 };
      const address = { key: 'reserving-address', windowMs: MINUTE, limit: 100 };
      expect(await ctx.store.incrementRateCounters({ hits: [visitor, address], now: at(0) })).toEqual([
        { count: 4, resetAt: at(60) },
        { count: 1, resetAt: at(60) },
      ]);
      await ctx.store.incrementRateCounters({ hits: [visitor, address], now: at(1) });
      // Hits 9..12: the first is within the limit, so the next key is still counted.
      expect(await ctx.store.incrementRateCounters({ hits: [visitor, address], now: at(2) })).toEqual([
        { count: 12, resetAt: at(60) },
        { count: 3, resetAt: at(60) },
      ]);
      // Hits 13..16: all past the limit; the address is not counted.
      expect(await ctx.store.incrementRateCounters({ hits: [visitor, address], now: at(3) })).toEqual([{ count: 16, resetAt: at(60) }]);
      // A new window starts at the number reserved.
      expect(await ctx.store.incrementRateCounters({ hits: [visitor], now: at(61) })).toEqual([{ count: 4, resetAt: at(121) }]);
    });

    it('loses no hit when many multi-key requests arrive at once', async () => {
      const hits = [{ key: 'a', windowMs: MINUTE, limit: 100 }, { key: 'b', windowMs: MINUTE, limit: 100 }];
      const results = await Promise.all(Array.from({ length: 20 }, () => ctx.store.incrementRateCounters({ hits, now: at(0) })));
      expect(results.map((r) => r[1]?.count).sort((x, y) => (x ?? 0) - (y ?? 0))).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
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
