/** SQLite queries for the directory: sites, agents and their sessions, departments. */
import type Database from 'better-sqlite3';
import { DEFAULT_SITE_SETTINGS, AGENT_MAX_CHATS_DEFAULT, type AgentStatus } from '@parley/shared';
import { nowIso } from '../../clock';
import { newId } from '../../tokens';
import { StoreConflictError, type Store } from '../store';
import { uniqueNameKey } from '../unique-name-key';
import { isUniqueViolation } from './constraint-errors';
import {
  toAgent, toAgentWithSecret, toDepartment, toSite,
  type AgentRow, type DepartmentRow, type SiteRow,
} from './rows';

type DirectoryStore = Pick<
  Store,
  | 'getOrCreateSecret' | 'createSite' | 'updateSiteSettings' | 'renameSite' | 'findSiteByKey' | 'findSiteById' | 'listSites'
  | 'createAgent' | 'findAgentById' | 'findAgentWithSecretByEmail' | 'setAgentStatus' | 'chooseAgentStatus'
  | 'resumeChosenStatus' | 'updateAgent'
  | 'listAgents' | 'touchAgents' | 'markSilentAgentsOffline'
  | 'createAgentSession' | 'findAgentSession' | 'deleteAgentSession'
  | 'createDepartment' | 'listDepartments' | 'renameDepartment' | 'deleteAgentSessions'
>;

function insertOrConflict<T>(run: () => T, what: string): T {
  try {
    return run();
  } catch (error) {
    if (isUniqueViolation(error)) throw new StoreConflictError(what);
    throw error;
  }
}

export function sqliteDirectory(db: Database.Database): DirectoryStore {
  const siteById = db.prepare<[string], SiteRow>('SELECT * FROM sites WHERE id = ?');
  const agentById = db.prepare<[string], AgentRow>('SELECT * FROM agents WHERE id = ?');

  return {
    async getOrCreateSecret(name, generate) {
      db.prepare('INSERT OR IGNORE INTO instance_secrets (name, value) VALUES (?, ?)').run(name, generate());
      return (db.prepare<[string], { value: string }>('SELECT value FROM instance_secrets WHERE name = ?').get(name) as { value: string }).value;
    },
    async createSite({ key, name, settings = DEFAULT_SITE_SETTINGS }) {
      const row: SiteRow = { id: newId(), key, name, settings_json: JSON.stringify(settings), created_at: nowIso() };
      insertOrConflict(
        () => db.prepare('INSERT INTO sites (id, key, name, settings_json, created_at) VALUES (@id, @key, @name, @settings_json, @created_at)').run(row),
        'site key taken',
      );
      return toSite(row);
    },
    async updateSiteSettings(siteId, patch) {
      // One statement: JSON merge in SQLite, so concurrent patches of different keys both land.
      const row = db
        .prepare<[string, string], SiteRow>('UPDATE sites SET settings_json = json_patch(settings_json, ?) WHERE id = ? RETURNING *')
        .get(JSON.stringify(patch), siteId);
      return row ? toSite(row) : null;
    },
    async renameSite(siteId, name) {
      const row = db.prepare<[string, string], SiteRow>('UPDATE sites SET name = ? WHERE id = ? RETURNING *').get(name, siteId);
      return row ? toSite(row) : null;
    },
    async findSiteByKey(key) {
      const row = db.prepare<[string], SiteRow>('SELECT * FROM sites WHERE key = ?').get(key);
      return row ? toSite(row) : null;
    },
    async findSiteById(id) {
      const row = siteById.get(id);
      return row ? toSite(row) : null;
    },
    async listSites() {
      return db.prepare<[], SiteRow>('SELECT * FROM sites ORDER BY created_at, rowid').all().map(toSite);
    },

    async createAgent(input) {
      const id = newId();
      insertOrConflict(
        () =>
          db.prepare(
            `INSERT INTO agents (id, site_id, email, name, role, password_hash, department_ids_json, languages_json, max_chats, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          ).run(
            id, input.siteId, input.email, input.name, input.role, input.passwordHash,
            JSON.stringify(input.departmentIds ?? []), JSON.stringify(input.languages ?? []),
            input.maxChats ?? AGENT_MAX_CHATS_DEFAULT, nowIso(),
          ),
        'e-mail taken',
      );
      return toAgent(agentById.get(id) as AgentRow);
    },
    async findAgentById(id) {
      const row = agentById.get(id);
      return row ? toAgent(row) : null;
    },
    async findAgentWithSecretByEmail(email) {
      const row = db.prepare<[string], AgentRow>('SELECT * FROM agents WHERE email = ?').get(email);
      return row ? toAgentWithSecret(row) : null;
    },
    async setAgentStatus(agentId: string, status: AgentStatus) {
      const row = db
        .prepare<[string, string, string], AgentRow>('UPDATE agents SET status = ?, last_seen_at = ? WHERE id = ? RETURNING *')
        .get(status, nowIso(), agentId);
      return row ? toAgent(row) : null;
    },
    async chooseAgentStatus(agentId, status) {
      const row = db
        .prepare<[{ status: string; at: string; id: string }], AgentRow>(
          'UPDATE agents SET status = @status, chosen_status = @status, last_seen_at = @at WHERE id = @id RETURNING *',
        )
        .get({ status, at: nowIso(), id: agentId });
      return row ? toAgent(row) : null;
    },
    async resumeChosenStatus(agentId, at) {
      const row = db
        .prepare<[string, string], AgentRow>(
          `UPDATE agents SET status = chosen_status, last_seen_at = ?
           WHERE id = ? AND status = 'offline' AND chosen_status <> 'offline' RETURNING *`,
        )
        .get(at, agentId);
      return row ? toAgent(row) : null;
    },
    async updateAgent(agentId, patch) {
      const row = db
        .prepare<Record<string, unknown>, AgentRow>(
          `UPDATE agents SET
             name = COALESCE(@name, name), role = COALESCE(@role, role),
             active = COALESCE(@active, active), max_chats = COALESCE(@maxChats, max_chats),
             department_ids_json = COALESCE(@departmentIds, department_ids_json),
             languages_json = COALESCE(@languages, languages_json)
           WHERE id = @id RETURNING *`,
        )
        .get({
          id: agentId,
          name: patch.name ?? null,
          role: patch.role ?? null,
          active: patch.active === undefined ? null : Number(patch.active),
          maxChats: patch.maxChats ?? null,
          departmentIds: patch.departmentIds ? JSON.stringify(patch.departmentIds) : null,
          languages: patch.languages ? JSON.stringify(patch.languages) : null,
        });
      return row ? toAgent(row) : null;
    },
    async listAgents(siteId) {
      return db.prepare<[string], AgentRow>('SELECT * FROM agents WHERE site_id = ? ORDER BY created_at, rowid').all(siteId).map(toAgent);
    },
    async touchAgents(agentIds, at) {
      const touch = db.prepare('UPDATE agents SET last_seen_at = ? WHERE id = ?');
      db.transaction(() => agentIds.forEach((id) => touch.run(at, id)))();
    },
    async markSilentAgentsOffline(before) {
      return db
        .prepare<[string], AgentRow>(
          `UPDATE agents SET status = 'offline'
           WHERE status <> 'offline' AND (last_seen_at IS NULL OR last_seen_at < ?) RETURNING *`,
        )
        .all(before)
        .map(toAgent);
    },

    async createAgentSession({ tokenHash, agentId, expiresAt }) {
      db.prepare('INSERT INTO agent_sessions (token_hash, agent_id, expires_at) VALUES (?, ?, ?)').run(tokenHash, agentId, expiresAt);
    },
    async findAgentSession(tokenHash) {
      const row = db
        .prepare<[string], { agent_id: string; expires_at: string }>('SELECT agent_id, expires_at FROM agent_sessions WHERE token_hash = ?')
        .get(tokenHash);
      return row ? { agentId: row.agent_id, expiresAt: row.expires_at } : null;
    },
    async deleteAgentSession(tokenHash) {
      db.prepare('DELETE FROM agent_sessions WHERE token_hash = ?').run(tokenHash);
    },
    async deleteAgentSessions(agentId) {
      db.prepare('DELETE FROM agent_sessions WHERE agent_id = ?').run(agentId);
    },

    async createDepartment({ siteId, name }) {
      const row: DepartmentRow = { id: newId(), site_id: siteId, name };
      insertOrConflict(
        () =>
          db
            .prepare('INSERT INTO departments (id, site_id, name, name_key, created_at) VALUES (?, ?, ?, ?, ?)')
            .run(row.id, siteId, name, uniqueNameKey(name), nowIso()),
        'department name taken',
      );
      return toDepartment(row);
    },
    async listDepartments(siteId) {
      return db
        .prepare<[string], DepartmentRow>('SELECT * FROM departments WHERE site_id = ? AND removed_at IS NULL ORDER BY name')
        .all(siteId)
        .map(toDepartment);
    },
    async renameDepartment({ siteId, departmentId, name }) {
      const renamed = insertOrConflict(
        () =>
          db
            .prepare('UPDATE departments SET name = ?, name_key = ? WHERE id = ? AND site_id = ? AND removed_at IS NULL')
            .run(name, uniqueNameKey(name), departmentId, siteId),
        'department name taken',
      );
      return renamed.changes === 0 ? null : { id: departmentId, siteId, name };
    },
  };
}
