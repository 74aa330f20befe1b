/**
 * The credentials part of the storage seam: password changes, second-factor (TOTP) records,
 * sign-ins waiting for their second factor, and password-reset links. Every token arrives
 * hashed and every TOTP secret encrypted; single use is one conditional write.
 */
import type { AgentWithSecret } from './store';

export interface TwoFactorRecord {
  agentId: string;
  /** The TOTP secret as the domain encrypted it; the store never sees it in clear. */
  secretCipher: string;
  /** When the agent confirmed it with a first code; null while enrolment waits for one. */
  enabledAt: string | null;
  /** The last TOTP time step accepted; a code of that step or an earlier one is a replay. */
  lastUsedStep: number | null;
  /** Unused recovery codes. */
  recoveryCodesLeft: number;
}

export interface PendingToken {
  agentId: string;
  expiresAt: string;
}

export interface AgentCredentialStore {
  findAgentWithSecretById(agentId: string): Promise<AgentWithSecret | null>;
  /** False when there is no such agent. */
  setAgentPasswordHash(agentId: string, passwordHash: string): Promise<boolean>;
  /** Ends every session of the agent but the one with this token hash (the caller's own). */
  deleteAgentSessionsExcept(agentId: string, keepTokenHash: string): Promise<void>;

  findTwoFactor(agentId: string): Promise<TwoFactorRecord | null>;
  /** Of these agents, those whose two-factor sign-in is on. */
  listTwoFactorAgentIds(agentIds: string[]): Promise<string[]>;
  /** Starts enrolment with a new secret, replacing an unconfirmed one; false when two-factor is already on. */
  beginTwoFactorEnrolment(input: { agentId: string; secretCipher: string }): Promise<boolean>;
  /**
   * Compare-and-set: unconfirmed -> on, recording the step of the confirming code and the
   * recovery code hashes. False when there was no unconfirmed enrolment.
   */
  enableTwoFactor(input: { agentId: string; step: number; recoveryCodeHashes: string[]; at: string }): Promise<boolean>;
  /** Compare-and-set: records `step` as used only when it is later than the last one; false is a replay. */
  claimTwoFactorStep(input: { agentId: string; step: number }): Promise<boolean>;
  /** Uses up one recovery code of an agent whose two-factor is on; false when it is not one of theirs (any more). */
  consumeRecoveryCode(input: { agentId: string; codeHash: string }): Promise<boolean>;
  /** Two-factor off: the secret and the recovery codes go. */
  deleteTwoFactor(agentId: string): Promise<void>;

  /** A sign-in whose password was right and whose second factor is awaited. */
  createSignInChallenge(input: { tokenHash: string; agentId: string; expiresAt: string }): Promise<void>;
  findSignInChallenge(tokenHash: string): Promise<PendingToken | null>;
  /** True for the one caller that removed it (a challenge completes once). */
  deleteSignInChallenge(tokenHash: string): Promise<boolean>;

  createPasswordReset(input: { tokenHash: string; agentId: string; expiresAt: string }): Promise<void>;
  /** Removes the reset token and returns it when it had not expired at `now`; later calls get null. */
  consumePasswordReset(tokenHash: string, now: string): Promise<PendingToken | null>;
  /** Expired challenges and reset tokens go; returns how many. */
  purgeExpiredCredentialTokens(now: string): Promise<number>;
}
