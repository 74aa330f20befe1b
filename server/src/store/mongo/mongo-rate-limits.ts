/** MongoDB rate counters: conditional single-document updates, and a TTL index that drops ended windows. */
import { Schema, type Connection, type Model } from 'mongoose';
import type { RateCounter, RateLimitStore } from '../rate-limit.store';

interface RateCounterDoc {
  _id: string;
  count: number;
  resetAt: Date;
}

const RATE_COUNTER_SCHEMA = new Schema<RateCounterDoc>(
  {
    _id: { type: String, required: true },
    count: { type: Number, required: true },
    resetAt: { type: Date, required: true },
  },
  { versionKey: false, id: false, strict: 'throw' },
);
// MongoDB removes a counter once its window has ended (within the TTL monitor's minute).
RATE_COUNTER_SCHEMA.index({ resetAt: 1 }, { expireAfterSeconds: 0 });

const toCounter = (doc: RateCounterDoc): RateCounter => ({ count: doc.count, resetAt: doc.resetAt.toISOString() });
const isDuplicateKey = (error: unknown) =>
  typeof error === 'object' && error !== null && [11000, 11001].includes((error as { code?: number }).code ?? 0);
const AFTER = { returnDocument: 'after' } as const;

export async function mongoRateLimits(connection: Connection): Promise<RateLimitStore> {
  const existing = connection.models.RateCounter as Model<RateCounterDoc> | undefined;
  const counters = existing ?? connection.model<RateCounterDoc>('RateCounter', RATE_COUNTER_SCHEMA, 'rate_counters');
  await counters.init();
  await counters.createIndexes();

  /** Adds `by` hits to the running window, or starts a window at `by`. */
  async function countBy({ key, windowMs, now, by }: { key: string; windowMs: number; now: string; by: number }): Promise<RateCounter> {
    const at = new Date(now);
    const resetAt = new Date(at.getTime() + windowMs);
    // Each step is one conditional write; a lost race (another process inserted first) goes round again.
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const running = await counters
        .findOneAndUpdate({ _id: key, resetAt: { $gt: at } }, { $inc: { count: by } }, AFTER)
        .lean<RateCounterDoc>();
      if (running) return toCounter(running);
      const restarted = await counters
        .findOneAndUpdate({ _id: key, resetAt: { $lte: at } }, { $set: { count: by, resetAt } }, AFTER)
        .lean<RateCounterDoc>();
      if (restarted) return toCounter(restarted);
      try {
        await counters.create({ _id: key, count: by, resetAt });
        return { count: by, resetAt: resetAt.toISOString() };
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
    }
    throw new Error(`rate counter ${key}: too much contention`);
  }

  const store: RateLimitStore = {
    async incrementRateCounters({ hits, now }) {
      const counted: RateCounter[] = [];
      for (const { key, windowMs, limit, by = 1 } of hits) {
        const counter = await countBy({ key, windowMs, now, by });
        counted.push(counter);
        if (counter.count - by + 1 > limit) break;
      }
      return counted;
    },
    async incrementRateCounter({ key, windowMs, now }) {
      return countBy({ key, windowMs, now, by: 1 });
    },
    async peekRateCounter(key, now) {
      const doc = await counters.findOne({ _id: key, resetAt: { $gt: new Date(now) } }).lean<RateCounterDoc>();
      return doc ? toCounter(doc) : null;
    },
    async deleteRateCounter(key) {
      await counters.deleteOne({ _id: key });
    },
    async purgeExpiredRateCounters() {
      return 0;
    },
  };
  return store;
}
