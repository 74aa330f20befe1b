/**
 * Deleting a department on MongoDB. Without a multi-document transaction the steps are ordered so
 * that a failure (or crash) between any two leaves nothing that routes wrongly or is lost:
 * 1. its shared canned replies become site-wide while the department still exists;
 * 2. the department document goes (it leaves every list and menu, and its name is free again);
 * 3. agents' lists lose it. Until then an agent's list names a department nobody can route to,
 *    which changes nothing; the reverse order would leave a live department no agent serves.
 * Conversations and tickets keep its id as a plain string: MongoDB has no foreign keys to honour.
 */
import type { DepartmentUse, Store } from '../store';
import type { AgentDoc, CannedReplyDoc } from './mongo.documents';
import { toAgent } from './mongo.mapping';
import { duplicateKeyIndex, INDEX, type MongoModels } from './mongo.models';

type DepartmentDeletionStore = Pick<Store, 'deleteDepartment'>;

interface Target { siteId: string; departmentId: string }

const inUse = (use: DepartmentUse): boolean =>
  use.isSiteDefault || use.openConversations > 0 || use.unsolvedTickets > 0 || use.cannedShortcutsTaken.length > 0;

export function mongoDepartmentDeletion(models: MongoModels): DepartmentDeletionStore {
  const { sites, departments, conversations, tickets, cannedReplies, agents } = models;

  /** The department's shortcuts that site-wide replies hold, compared as the unique index compares them (/Hello clashes with /hello). */
  async function takenShortcuts({ siteId, departmentId }: Target): Promise<string[]> {
    type Shortcut = Pick<CannedReplyDoc, 'shortcut' | 'shortcutKey'>;
    const own = await cannedReplies.find({ siteId, scopeKey: `dept:${departmentId}` }, { shortcut: 1, shortcutKey: 1 }).lean<Shortcut[]>();
    if (own.length === 0) return [];
    const keys = own.flatMap((r) => (typeof r.shortcutKey === 'string' ? [r.shortcutKey] : []));
    const everyone = await cannedReplies
      .find({ siteId, scopeKey: '', $or: [{ shortcut: { $in: own.map((r) => r.shortcut) } }, { shortcutKey: { $in: keys } }] }, { shortcut: 1, shortcutKey: 1 })
      .lean<Shortcut[]>();
    const clashes = (r: Shortcut) =>
      everyone.some((e) => e.shortcut === r.shortcut || (typeof r.shortcutKey === 'string' && e.shortcutKey === r.shortcutKey));
    return own.filter(clashes).map((r) => r.shortcut).sort();
  }

  async function useOf(target: Target): Promise<DepartmentUse> {
    const { siteId, departmentId } = target;
    const [isDefault, openConversations, unsolvedTickets, cannedShortcutsTaken] = await Promise.all([
      sites.exists({ _id: siteId, 'settings.defaultDepartmentId': departmentId }),
      conversations.countDocuments({ siteId, open: true, departmentId }),
      tickets.countDocuments({ siteId, departmentId, status: { $nin: ['solved', 'closed'] } }),
      takenShortcuts(target),
    ]);
    return { isSiteDefault: isDefault !== null, openConversations, unsolvedTickets, cannedShortcutsTaken };
  }

  /** Moves the replies one by one: a shortcut taken site-wide since the check is reported, never overwritten. */
  async function makeRepliesSiteWide({ siteId, departmentId }: Target): Promise<{ moved: number; taken: string[] }> {
    const own = await cannedReplies.find({ siteId, scopeKey: `dept:${departmentId}` }).lean<CannedReplyDoc[]>();
    const taken: string[] = [];
    let moved = 0;
    for (const reply of own) {
      try {
        const result = await cannedReplies.updateOne(
          { _id: reply._id, scopeKey: `dept:${departmentId}` },
          { $set: { departmentId: null, scopeKey: '' } },
        );
        moved += result.modifiedCount;
      } catch (error) {
        const index = duplicateKeyIndex(error);
        if (index !== INDEX.cannedShortcut && index !== INDEX.cannedShortcutKey) throw error;
        taken.push(reply.shortcut);
      }
    }
    return { moved, taken };
  }

  return {
    async deleteDepartment(target) {
      const { siteId, departmentId } = target;
      if (!(await departments.exists({ _id: departmentId, siteId }))) return { outcome: 'not-found' };
      const use = await useOf(target);
      if (inUse(use)) return { outcome: 'in-use', use };

      const replies = await makeRepliesSiteWide(target);
      if (replies.taken.length > 0) return { outcome: 'in-use', use: { ...use, cannedShortcutsTaken: replies.taken } };
      const deleted = await departments.deleteOne({ _id: departmentId, siteId });
      if (deleted.deletedCount === 0) return { outcome: 'not-found' };

      const holders = await agents.find({ siteId, departmentIds: departmentId }, { _id: 1 }).lean<Pick<AgentDoc, '_id'>[]>();
      await agents.updateMany({ siteId, departmentIds: departmentId }, { $pull: { departmentIds: departmentId } });
      const updated = await agents.find({ _id: { $in: holders.map((a) => a._id) } }).sort({ createdAt: 1, _id: 1 }).lean<AgentDoc[]>();
      return { outcome: 'deleted', agents: updated.map(toAgent), cannedRepliesMadeSiteWide: replies.moved };
    },
  };
}
