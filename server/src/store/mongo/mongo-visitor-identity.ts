/** MongoDB: a signed identity lands on the visitor in one conditional findOneAndUpdate (never over another user). */
import type { VisitorIdentityStore } from '../visitor-identity.store';
import type { VisitorDoc } from './mongo.documents';
import { toVisitor } from './mongo.mapping';
import type { MongoModels } from './mongo.models';

export function mongoVisitorIdentity({ visitors, conversations }: Pick<MongoModels, 'visitors' | 'conversations'>): VisitorIdentityStore {
  return {
    async verifyVisitorIdentity(visitorId, { userId, name, email }) {
      const doc = await visitors
        .findOneAndUpdate(
          { _id: visitorId, $or: [{ verified: { $ne: true } }, { userId }] },
          { $set: { userId, verified: true, ...(name === undefined ? {} : { name }), ...(email === undefined ? {} : { email }) } },
          { returnDocument: 'after' },
        )
        .lean<VisitorDoc>();
      if (!doc) return null;
      // Open conversations show the name too; idempotent, so a repeat after a crash repairs it.
      if (doc.name) await conversations.updateMany({ visitorId, open: true }, { $set: { visitorName: doc.name } });
      return toVisitor(doc);
    },
  };
}
