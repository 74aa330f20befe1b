/** SQLite queries for canned replies, unique per shortcut (regardless of case) within their scope. */
import type Database from 'better-sqlite3';
import { newId } from '../../tokens';
import { StoreConflictError, type Store } from '../store';
import { uniqueNameKey } from '../unique-name-key';
import { isUniqueViolation } from './constraint-errors';
import { toCannedReply, type CannedReplyRow } from './rows';

type CannedReplyStore = Pick<Store, 'saveCannedReply' | 'deleteCannedReply' | 'listCannedReplies' | 'findCannedReply'>;

/** A reply's scope: personal (owner), a department's, or the whole site's. */
const scopeKey = (r: { ownerAgentId: string | null; departmentId: string | null }): string =>
  r.ownerAgentId ? `agent:${r.ownerAgentId}` : r.departmentId ? `dept:${r.departmentId}` : '';

export function sqliteCannedReplies(db: Database.Database): CannedReplyStore {
  return {
    async saveCannedReply(reply) {
      const id = reply.id ?? newId();
      try {
        db.prepare(
          `INSERT INTO canned_replies (id, site_id, shortcut, shortcut_key, text, department_id, owner_agent_id, scope_key)
           VALUES (@id, @siteId, @shortcut, @shortcutKey, @text, @departmentId, @ownerAgentId, @scope)
           ON CONFLICT (id) DO UPDATE SET shortcut = excluded.shortcut, shortcut_key = excluded.shortcut_key, text = excluded.text,
             department_id = excluded.department_id, owner_agent_id = excluded.owner_agent_id, scope_key = excluded.scope_key
           WHERE canned_replies.site_id = excluded.site_id`,
        ).run({ ...reply, id, scope: scopeKey(reply), shortcutKey: uniqueNameKey(reply.shortcut) });
      } catch (error) {
        if (isUniqueViolation(error)) throw new StoreConflictError('shortcut taken');
        throw error;
      }
      const row = db.prepare<[string], CannedReplyRow>('SELECT * FROM canned_replies WHERE id = ?').get(id);
      if (!row || row.site_id !== reply.siteId) throw new StoreConflictError('canned reply belongs to another site');
      return toCannedReply(row);
    },
    async deleteCannedReply({ id, siteId }) {
      return db.prepare('DELETE FROM canned_replies WHERE id = ? AND site_id = ?').run(id, siteId).changes > 0;
    },
    async listCannedReplies({ siteId, agentId, departmentIds }) {
      if (departmentIds === 'all') {
        // Every shared reply (site-wide or any department's) and this agent's own.
        return db
          .prepare<[string, string], CannedReplyRow>(
            `SELECT * FROM canned_replies WHERE site_id = ? AND (owner_agent_id IS NULL OR owner_agent_id = ?) ORDER BY shortcut`,
          )
          .all(siteId, agentId)
          .map(toCannedReply);
      }
      const scopes = ['', `agent:${agentId}`, ...departmentIds.map((d) => `dept:${d}`)];
      return db
        .prepare<unknown[], CannedReplyRow>(
          `SELECT * FROM canned_replies WHERE site_id = ? AND scope_key IN (${scopes.map(() => '?').join(',')}) ORDER BY shortcut`,
        )
        .all(siteId, ...scopes)
        .map(toCannedReply);
    },
    async findCannedReply(id) {
      const row = db.prepare<[string], CannedReplyRow>('SELECT * FROM canned_replies WHERE id = ?').get(id);
      return row ? toCannedReply(row) : null;
    },
  };
}
