/** SQLite queries for API tokens: stored by hash, revoked by one conditional update. */
import type Database from 'better-sqlite3';
import type { ApiToken } from '@parley/shared';
import { newId } from '../../tokens';
import type { ApiTokenStore } from '../api-token.store';

interface ApiTokenRow {
  id: string; site_id: string; name: string; scope: ApiToken['scope']; token_hash: string; prefix: string;
  created_by_agent_id: string; created_at: string; last_used_at: string | null; revoked_at: string | null;
}

const toApiToken = (r: ApiTokenRow): ApiToken => ({
  id: r.id, siteId: r.site_id, name: r.name, scope: r.scope, prefix: r.prefix, createdByAgentId: r.created_by_agent_id,
  createdAt: r.created_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at,
});

export function sqliteApiTokens(db: Database.Database): ApiTokenStore {
  const insert = db.prepare<[ApiTokenRow], ApiTokenRow>(
    `INSERT INTO api_tokens (id, site_id, name, scope, token_hash, prefix, created_by_agent_id, created_at, last_used_at, revoked_at)
     VALUES (@id, @site_id, @name, @scope, @token_hash, @prefix, @created_by_agent_id, @created_at, @last_used_at, @revoked_at)
     RETURNING *`,
  );
  const bySite = db.prepare<[string], ApiTokenRow>('SELECT * FROM api_tokens WHERE site_id = ? ORDER BY created_at DESC, id DESC');
  const byHash = db.prepare<[string], ApiTokenRow>('SELECT * FROM api_tokens WHERE token_hash = ?');
  const revoke = db.prepare<[string, string, string], ApiTokenRow>(
    'UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND site_id = ? AND revoked_at IS NULL RETURNING *',
  );
  const touch = db.prepare<[string, string, string]>(
    'UPDATE api_tokens SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)',
  );

  return {
    async createApiToken(input) {
      const row = insert.get({
        id: newId(), site_id: input.siteId, name: input.name, scope: input.scope, token_hash: input.tokenHash,
        prefix: input.prefix, created_by_agent_id: input.createdByAgentId, created_at: input.at, last_used_at: null, revoked_at: null,
      });
      if (!row) throw new Error('api_tokens insert returned no row');
      return toApiToken(row);
    },
    async listApiTokens(siteId) {
      return bySite.all(siteId).map(toApiToken);
    },
    async findApiTokenByHash(tokenHash) {
      const row = byHash.get(tokenHash);
      return row ? toApiToken(row) : null;
    },
    async revokeApiToken({ id, siteId, at }) {
      const row = revoke.get(at, id, siteId);
      return row ? toApiToken(row) : null;
    },
    async touchApiToken({ id, at, minIntervalMs }) {
      touch.run(at, id, new Date(Date.parse(at) - minIntervalMs).toISOString());
    },
  };
}
