/**
 * Optional TOTP two-factor sign-in per agent: enrolment confirmed by a first code, replay-proof
 * verification (each time step once), single-use recovery codes, switching off, and an admin reset.
 */
import type { Agent, RecoveryCodes, TwoFactorDisable, TwoFactorStatus } from '@parley/shared';
import type { Store } from '../store/store';
import type { SessionTerminator } from './agent-admin.service';
import { DomainError } from './domain-error';
import { verifyPassword } from './password';
import { hashRecoveryCode, newRecoveryCodes, normaliseCode } from './recovery-codes';
import type { SecretBox } from './secret-box';
import { newTotpSecret, totpStepOf, totpUri } from './totp';

export interface TwoFactorServiceDeps {
  store: Store;
  /** Seals TOTP secrets before the store sees them. */
  box: SecretBox;
  sessions: SessionTerminator;
  /** The name authenticator apps show above the code. */
  issuer?: string;
  now?: () => Date;
}

/** What the enrolment screen needs; the QR code is drawn from otpauthUri by the transport. */
export interface TwoFactorSecret {
  secret: string;
  otpauthUri: string;
}

const invalidCode = () => new DomainError('INVALID_CODE', 'The code is wrong, was already used, or is too old.');

export function createTwoFactorService({ store, box, sessions, issuer = 'Parley', now = () => new Date() }: TwoFactorServiceDeps) {
  async function enabledRecord(agentId: string) {
    const record = await store.findTwoFactor(agentId);
    return record?.enabledAt ? record : null;
  }

  /** Accepts a current authenticator code (each time step once) or an unused recovery code; INVALID_CODE otherwise. */
  async function verify(agentId: string, typed: string): Promise<void> {
    const record = await enabledRecord(agentId);
    if (!record) throw invalidCode();
    const code = normaliseCode(typed);
    if (/^\d{6}$/.test(code)) {
      const step = totpStepOf({ secret: box.open(record.secretCipher), code, now: now() });
      // The store's compare-and-set refuses a step at or before the last one used: no replay, even when raced.
      if (step === null || !(await store.claimTwoFactorStep({ agentId, step }))) throw invalidCode();
      return;
    }
    if (!(await store.consumeRecoveryCode({ agentId, codeHash: hashRecoveryCode(code) }))) throw invalidCode();
  }

  async function endSessions(agentId: string, keepSessionHash: string | null): Promise<void> {
    if (keepSessionHash) await store.deleteAgentSessionsExcept(agentId, keepSessionHash);
    else await store.deleteAgentSessions(agentId);
    sessions.disconnectAgent(agentId, keepSessionHash ? { exceptSessionHash: keepSessionHash } : undefined);
  }

  return {
    verify,

    async isEnabled(agentId: string): Promise<boolean> {
      return (await enabledRecord(agentId)) !== null;
    },

    async status(agent: Agent): Promise<TwoFactorStatus> {
      const record = await enabledRecord(agent.id);
      return { enabled: record !== null, recoveryCodesLeft: record?.recoveryCodesLeft ?? 0 };
    },

    /** A new secret, not yet in force: sign-in stays as it was until a code from it is confirmed. */
    async beginEnrolment(agent: Agent): Promise<TwoFactorSecret> {
      const secret = newTotpSecret();
      if (!(await store.beginTwoFactorEnrolment({ agentId: agent.id, secretCipher: box.seal(secret) }))) {
        throw new DomainError('VALIDATION_FAILED', 'Two-factor sign-in is already on; switch it off first.');
      }
      return { secret, otpauthUri: totpUri({ secret, account: agent.email, issuer }) };
    },

    /** Switches it on with a first code; other sessions (signed in with the password alone) end. */
    async confirmEnrolment(agent: Agent, input: { code: string; sessionHash: string | null }): Promise<RecoveryCodes> {
      const record = await store.findTwoFactor(agent.id);
      if (!record || record.enabledAt) throw new DomainError('VALIDATION_FAILED', 'Start two-factor enrolment first.');
      const step = totpStepOf({ secret: box.open(record.secretCipher), code: normaliseCode(input.code), now: now() });
      if (step === null) throw invalidCode();
      const recoveryCodes = newRecoveryCodes();
      const enabled = await store.enableTwoFactor({
        agentId: agent.id, step, recoveryCodeHashes: recoveryCodes.map(hashRecoveryCode), at: now().toISOString(),
      });
      if (!enabled) throw new DomainError('VALIDATION_FAILED', 'Start two-factor enrolment first.');
      await endSessions(agent.id, input.sessionHash);
      return { recoveryCodes };
    },

    /** Off again, with the password and a current (or recovery) code; not where the site requires it. */
    async disable(agent: Agent, input: TwoFactorDisable): Promise<void> {
      if ((await store.findSiteById(agent.siteId))?.settings.requireTwoFactor) {
        throw new DomainError('FORBIDDEN', 'This site requires two-step sign-in for every agent.');
      }
      const withSecret = await store.findAgentWithSecretById(agent.id);
      if (!withSecret || !(await verifyPassword(input.password, withSecret.passwordHash))) {
        throw new DomainError('INVALID_CREDENTIALS', 'The password is wrong.');
      }
      await verify(agent.id, input.code);
      await store.deleteTwoFactor(agent.id);
    },

    /** An admin switches an agent's two-factor off (a lost phone); that agent is signed out everywhere. */
    async adminReset(actor: Agent, agentId: string): Promise<void> {
      if (actor.role !== 'admin') throw new DomainError('FORBIDDEN', 'Only admins can manage the team and the site.');
      const target = await store.findAgentById(agentId);
      if (!target || target.siteId !== actor.siteId) throw new DomainError('AGENT_NOT_FOUND', 'There is no such agent.');
      await store.deleteTwoFactor(agentId);
      await endSessions(agentId, null);
    },

    /** Which agents of the actor's site sign in with a second factor. */
    async listEnabled(actor: Agent): Promise<string[]> {
      if (actor.role !== 'admin') throw new DomainError('FORBIDDEN', 'Only admins can manage the team and the site.');
      const agents = await store.listAgents(actor.siteId);
      return store.listTwoFactorAgentIds(agents.map((agent) => agent.id));
    },
  };
}

export type TwoFactorService = ReturnType<typeof createTwoFactorService>;
