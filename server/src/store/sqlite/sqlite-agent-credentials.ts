/** SQLite agents' credentials: two-factor records, recovery codes, sign-in challenges and reset links. */
import type Database from 'better-sqlite3';
import type { AgentCredentialStore, PendingToken, TwoFactorRecord } from '../agent-credential.store';
import { toAgentWithSecret, type AgentRow } from './rows';

interface TwoFactorRow {
  agent_id: string;
  secret_cipher: string;
  enabled_at: string | null;
  last_used_step: number | null;
  codes_left: number;
}

interface PendingRow {
  agent_id: string;
  expires_at: string;
}

const toTwoFactor = (row: TwoFactorRow): TwoFactorRecord => ({
  agentId: row.agent_id,
  secretCipher: row.secret_cipher,
  enabledAt: row.enabled_at,
  lastUsedStep: row.last_used_step,
  recoveryCodesLeft: row.codes_left,
});
const toPending = (row: PendingRow): PendingToken => ({ agentId: row.agent_id, expiresAt: row.expires_at });

export function sqliteAgentCredentials(db: Database.Database): AgentCredentialStore {
  const twoFactorOf = db.prepare<[string], TwoFactorRow>(
    `SELECT t.*, (SELECT COUNT(*) FROM agent_recovery_codes c WHERE c.agent_id = t.agent_id) AS codes_left
     FROM agent_two_factor t WHERE t.agent_id = ?`,
  );
  const enable = db.transaction((input: { agentId: string; step: number; recoveryCodeHashes: string[]; at: string }): boolean => {
    const changed = db
      .prepare('UPDATE agent_two_factor SET enabled_at = ?, last_used_step = ? WHERE agent_id = ? AND enabled_at IS NULL')
      .run(input.at, input.step, input.agentId).changes;
    if (changed === 0) return false;
    db.prepare('DELETE FROM agent_recovery_codes WHERE agent_id = ?').run(input.agentId);
    const insert = db.prepare('INSERT INTO agent_recovery_codes (agent_id, code_hash) VALUES (?, ?)');
    for (const hash of new Set(input.recoveryCodeHashes)) insert.run(input.agentId, hash);
    return true;
  });
  const removeTwoFactor = db.transaction((agentId: string) => {
    db.prepare('DELETE FROM agent_recovery_codes WHERE agent_id = ?').run(agentId);
    db.prepare('DELETE FROM agent_two_factor WHERE agent_id = ?').run(agentId);
  });

  return {
    async findAgentWithSecretById(agentId) {
      const row = db.prepare<[string], AgentRow>('SELECT * FROM agents WHERE id = ?').get(agentId);
      return row ? toAgentWithSecret(row) : null;
    },
    async setAgentPasswordHash(agentId, passwordHash) {
      return db.prepare('UPDATE agents SET password_hash = ? WHERE id = ?').run(passwordHash, agentId).changes === 1;
    },
    async deleteAgentSessionsExcept(agentId, keepTokenHash) {
      db.prepare('DELETE FROM agent_sessions WHERE agent_id = ? AND token_hash <> ?').run(agentId, keepTokenHash);
    },

    async findTwoFactor(agentId) {
      const row = twoFactorOf.get(agentId);
      return row ? toTwoFactor(row) : null;
    },
    async listTwoFactorAgentIds(agentIds) {
      if (agentIds.length === 0) return [];
      const rows = db
        .prepare<string[], { agent_id: string }>(
          `SELECT agent_id FROM agent_two_factor WHERE enabled_at IS NOT NULL AND agent_id IN (${agentIds.map(() => '?').join(',')})`,
        )
        .all(...agentIds);
      return rows.map((row) => row.agent_id);
    },
    async beginTwoFactorEnrolment({ agentId, secretCipher }) {
      const changed = db
        .prepare(
          `INSERT INTO agent_two_factor (agent_id, secret_cipher, enabled_at, last_used_step) VALUES (?, ?, NULL, NULL)
           ON CONFLICT (agent_id) DO UPDATE SET secret_cipher = excluded.secret_cipher WHERE agent_two_factor.enabled_at IS NULL`,
        )
        .run(agentId, secretCipher).changes;
      return changed === 1;
    },
    async enableTwoFactor(input) {
      return enable.immediate(input);
    },
    async claimTwoFactorStep({ agentId, step }) {
      const changed = db
        .prepare(
          `UPDATE agent_two_factor SET last_used_step = ?
           WHERE agent_id = ? AND enabled_at IS NOT NULL AND (last_used_step IS NULL OR last_used_step < ?)`,
        )
        .run(step, agentId, step).changes;
      return changed === 1;
    },
    async consumeRecoveryCode({ agentId, codeHash }) {
      const changed = db
        .prepare(
          `DELETE FROM agent_recovery_codes WHERE agent_id = ? AND code_hash = ?
           AND EXISTS (SELECT 1 FROM agent_two_factor t WHERE t.agent_id = ? AND t.enabled_at IS NOT NULL)`,
        )
        .run(agentId, codeHash, agentId).changes;
      return changed === 1;
    },
    async deleteTwoFactor(agentId) {
      removeTwoFactor.immediate(agentId);
    },

    async createSignInChallenge({ tokenHash, agentId, expiresAt }) {
      db.prepare('INSERT INTO agent_sign_in_challenges (token_hash, agent_id, expires_at) VALUES (?, ?, ?)').run(tokenHash, agentId, expiresAt);
    },
    async findSignInChallenge(tokenHash) {
      const row = db.prepare<[string], PendingRow>('SELECT agent_id, expires_at FROM agent_sign_in_challenges WHERE token_hash = ?').get(tokenHash);
      return row ? toPending(row) : null;
    },
    async deleteSignInChallenge(tokenHash) {
      return db.prepare('DELETE FROM agent_sign_in_challenges WHERE token_hash = ?').run(tokenHash).changes === 1;
    },

    async createPasswordReset({ tokenHash, agentId, expiresAt }) {
      db.prepare('INSERT INTO agent_password_resets (token_hash, agent_id, expires_at) VALUES (?, ?, ?)').run(tokenHash, agentId, expiresAt);
    },
    async consumePasswordReset(tokenHash, now) {
      const row = db
        .prepare<[string], PendingRow>('DELETE FROM agent_password_resets WHERE token_hash = ? RETURNING agent_id, expires_at')
        .get(tokenHash);
      return row && row.expires_at > now ? toPending(row) : null;
    },
    async purgeExpiredCredentialTokens(now) {
      const challenges = db.prepare('DELETE FROM agent_sign_in_challenges WHERE expires_at <= ?').run(now).changes;
      const resets = db.prepare('DELETE FROM agent_password_resets WHERE expires_at <= ?').run(now).changes;
      return challenges + resets;
    },
  };
}
