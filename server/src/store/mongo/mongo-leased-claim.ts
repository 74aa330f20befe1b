/** The claim under a lease that the MongoDB e-mail outbox and webhook queue share: due documents, or ones whose lease lapsed. */
import type { Model } from 'mongoose';

/** What a leased queue's documents hold. */
export interface LeasedQueueDoc {
  status: string;
  attempts: number;
  nextAttemptAt: Date;
  leaseUntil: Date | null;
  createdAt: Date;
}

export interface LeasedClaimWindow {
  now: string;
  leaseUntil: string;
  limit: number;
}

/** Claims up to `limit` documents of `model`, oldest due first, leased until `leaseUntil`. */
export async function claimDueDocuments<Doc extends LeasedQueueDoc>(model: Model<Doc>, { now, leaseUntil, limit }: LeasedClaimWindow): Promise<Doc[]> {
  const at = new Date(now);
  const due = {
    $or: [
      { status: 'pending', nextAttemptAt: { $lte: at } },
      { status: 'sending', leaseUntil: { $lt: at } },
    ],
  };
  const claimed: Doc[] = [];
  // One document at a time: each findOneAndUpdate re-checks `due` on the document it changes,
  // so of two dispatchers racing for a document only one gets it back.
  while (claimed.length < limit) {
    const doc = await model
      .findOneAndUpdate(due, { $set: { status: 'sending', leaseUntil: new Date(leaseUntil) }, $inc: { attempts: 1 } }, {
        returnDocument: 'after', sort: { nextAttemptAt: 1, createdAt: 1 },
      })
      .lean<Doc>();
    if (!doc) break;
    claimed.push(doc);
  }
  return claimed;
}
