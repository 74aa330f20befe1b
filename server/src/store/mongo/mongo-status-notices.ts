/** Status notices on MongoDB: one active per site, held by a partial unique index on `active`. */
import { newId } from '../../tokens';
import type { KnowledgeBaseStore } from '../knowledge-base.store';
import { kbDuplicateKeyIndex, KB_INDEX, toStatusNotice, type KbModels, type StatusNoticeDoc } from './mongo-knowledge-base.models';

type StatusNoticeStore = Pick<KnowledgeBaseStore, 'postStatusNotice' | 'withdrawStatusNotice' | 'findActiveStatusNotice'>;

export function mongoStatusNotices({ statusNotices }: Pick<KbModels, 'statusNotices'>): StatusNoticeStore {
  return {
    async postStatusNotice(input) {
      const at = new Date(input.at);
      // Another admin posting at the same moment wins the index; withdraw theirs and try again.
      for (let attempt = 0; attempt < 5; attempt += 1) {
        await statusNotices.updateMany({ siteId: input.siteId, active: true }, { $set: { active: false, withdrawnAt: at } });
        const doc: StatusNoticeDoc = {
          _id: newId(), siteId: input.siteId, text: input.text, severity: input.severity, postedAt: at, withdrawnAt: null, active: true,
        };
        try {
          await statusNotices.create(doc);
          return toStatusNotice(doc);
        } catch (error) {
          if (kbDuplicateKeyIndex(error) !== KB_INDEX.oneActiveNotice) throw error;
        }
      }
      throw new Error('could not post the status notice');
    },
    async withdrawStatusNotice({ siteId, at }) {
      const doc = await statusNotices
        .findOneAndUpdate({ siteId, active: true }, { $set: { active: false, withdrawnAt: new Date(at) } }, { returnDocument: 'after' })
        .lean<StatusNoticeDoc>();
      return doc ? toStatusNotice(doc) : null;
    },
    async findActiveStatusNotice(siteId) {
      const doc = await statusNotices.findOne({ siteId, active: true }).lean<StatusNoticeDoc>();
      return doc ? toStatusNotice(doc) : null;
    },
  };
}
