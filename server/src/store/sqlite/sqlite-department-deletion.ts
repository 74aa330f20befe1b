/** Deleting a department on SQLite: the in-use checks and every change in one immediate transaction. */
import type Database from 'better-sqlite3';
import { nowIso } from '../../clock';
import type { DepartmentDeletion, DepartmentUse, Store } from '../store';
import { toAgent, type AgentRow } from './rows';

type DepartmentDeletionStore = Pick<Store, 'deleteDepartment'>;

interface Target { site: string; department: string }

export function sqliteDepartmentDeletion(db: Database.Database): DepartmentDeletionStore {
  const liveDepartment = db.prepare<Target, { id: string }>(
    'SELECT id FROM departments WHERE id = @department AND site_id = @site AND removed_at IS NULL',
  );
  const isSiteDefault = db.prepare<Target, { yes: number }>(
    `SELECT json_extract(settings_json, '$.defaultDepartmentId') = @department AS yes FROM sites WHERE id = @site`,
  );
  const openConversations = db.prepare<Target, { n: number }>(
    `SELECT COUNT(*) AS n FROM conversations
     WHERE site_id = @site AND status IN ('queued', 'assigned') AND department_id = @department`,
  );
  const unsolvedTickets = db.prepare<Target, { n: number }>(
    `SELECT COUNT(*) AS n FROM tickets
     WHERE site_id = @site AND status NOT IN ('solved', 'closed') AND department_id = @department`,
  );
  // Personal replies are never the department's (their scope is their owner), so only shared ones move.
  // Compared as the unique index compares them: /Hello would clash with a site-wide /hello.
  const takenShortcuts = db.prepare<Target, { shortcut: string }>(
    `SELECT own.shortcut FROM canned_replies own
     JOIN canned_replies everyone ON everyone.site_id = own.site_id AND everyone.scope_key = ''
       AND (everyone.shortcut = own.shortcut OR everyone.shortcut_key = own.shortcut_key)
     WHERE own.site_id = @site AND own.department_id = @department AND own.owner_agent_id IS NULL
     ORDER BY own.shortcut`,
  );
  const markRemoved = db.prepare<Target & { at: string }>(
    'UPDATE departments SET removed_at = @at WHERE id = @department AND site_id = @site AND removed_at IS NULL',
  );
  const dropFromAgents = db.prepare<Target, AgentRow>(
    `UPDATE agents SET department_ids_json =
       (SELECT json_group_array(value) FROM json_each(agents.department_ids_json) WHERE value <> @department)
     WHERE site_id = @site AND EXISTS (SELECT 1 FROM json_each(agents.department_ids_json) WHERE value = @department)
     RETURNING *`,
  );
  const makeRepliesSiteWide = db.prepare<Target>(
    `UPDATE canned_replies SET department_id = NULL, scope_key = ''
     WHERE site_id = @site AND department_id = @department AND owner_agent_id IS NULL`,
  );

  function useOf(target: Target): DepartmentUse {
    return {
      isSiteDefault: isSiteDefault.get(target)?.yes === 1,
      openConversations: openConversations.get(target)?.n ?? 0,
      unsolvedTickets: unsolvedTickets.get(target)?.n ?? 0,
      cannedShortcutsTaken: takenShortcuts.all(target).map((row) => row.shortcut),
    };
  }

  const inUse = (use: DepartmentUse): boolean =>
    use.isSiteDefault || use.openConversations > 0 || use.unsolvedTickets > 0 || use.cannedShortcutsTaken.length > 0;

  // Immediate: the write lock is taken before the checks, so nothing can slip into the department
  // between checking and deleting, and no other process sees half of it.
  const deleteTx = db.transaction((target: Target): DepartmentDeletion => {
    if (!liveDepartment.get(target)) return { outcome: 'not-found' };
    const use = useOf(target);
    if (inUse(use)) return { outcome: 'in-use', use };
    markRemoved.run({ ...target, at: nowIso() });
    const agents = dropFromAgents.all(target).map(toAgent);
    const cannedRepliesMadeSiteWide = makeRepliesSiteWide.run(target).changes;
    return { outcome: 'deleted', agents, cannedRepliesMadeSiteWide };
  });

  return {
    async deleteDepartment({ siteId, departmentId }) {
      return deleteTx.immediate({ site: siteId, department: departmentId });
    },
  };
}
