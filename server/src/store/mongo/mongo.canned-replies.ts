/** Canned replies on MongoDB, unique per shortcut (regardless of case) within their scope (personal, a department's, the site's). */
import type { CannedReply } from '@parley/shared';
import { newId } from '../../tokens';
import { StoreConflictError, type Store } from '../store';
import { uniqueNameKey } from '../unique-name-key';
import type { CannedReplyDoc } from './mongo.documents';
import { toCannedReply } from './mongo.mapping';
import { duplicateKeyIndex, INDEX, type MongoModels } from './mongo.models';

type CannedReplyStore = Pick<Store, 'saveCannedReply' | 'deleteCannedReply' | 'listCannedReplies' | 'findCannedReply'>;

const scopeKey = (r: Pick<CannedReply, 'ownerAgentId' | 'departmentId'>): string =>
  r.ownerAgentId ? `agent:${r.ownerAgentId}` : r.departmentId ? `dept:${r.departmentId}` : '';

export function mongoCannedReplies(models: Pick<MongoModels, 'cannedReplies'>): CannedReplyStore {
  const { cannedReplies } = models;
  return {
    async saveCannedReply(reply) {
      const set = {
        shortcut: reply.shortcut, text: reply.text, departmentId: reply.departmentId,
        ownerAgentId: reply.ownerAgentId, scopeKey: scopeKey(reply), shortcutKey: uniqueNameKey(reply.shortcut),
      };
      try {
        // Keyed by id and site: an id of another site's reply fails the upsert on _id, never edits it.
        const doc = await cannedReplies
          .findOneAndUpdate({ _id: reply.id ?? newId(), siteId: reply.siteId }, { $set: set }, { upsert: true, returnDocument: 'after' })
          .lean<CannedReplyDoc>();
        if (!doc) throw new Error('upsert returned no document');
        return toCannedReply(doc);
      } catch (error) {
        const index = duplicateKeyIndex(error);
        if (index === INDEX.cannedShortcut || index === INDEX.cannedShortcutKey) throw new StoreConflictError('shortcut taken');
        if (index !== null) throw new StoreConflictError('canned reply belongs to another site');
        throw error;
      }
    },
    async deleteCannedReply({ id, siteId }) {
      return (await cannedReplies.deleteOne({ _id: id, siteId })).deletedCount > 0;
    },
    async listCannedReplies({ siteId, agentId, departmentIds }) {
      const scopes = departmentIds === 'all' ? null : ['', `agent:${agentId}`, ...departmentIds.map((d) => `dept:${d}`)];
      // 'all': every shared reply (site-wide or any department's) and this agent's own.
      const filter = scopes ? { siteId, scopeKey: { $in: scopes } } : { siteId, ownerAgentId: { $in: [null, agentId] } };
      const docs = await cannedReplies.find(filter).sort({ shortcut: 1 }).lean<CannedReplyDoc[]>();
      return docs.map(toCannedReply);
    },
    async findCannedReply(id) {
      const doc = await cannedReplies.findById(id).lean<CannedReplyDoc>();
      return doc ? toCannedReply(doc) : null;
    },
  };
}
