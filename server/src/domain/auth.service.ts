/**
 * Agent sign-in: password check, then (two-factor on) a short-lived challenge that opens nothing
 * until a code completes it; bearer sessions stored hashed; sign-out.
 */
import type {
  Agent,
  EnrolledSignIn,
  LoginRequest,
  LoginResponse,
  PasswordSignInResponse,
  RecoveryCodes,
  SecondFactorRequest,
} from '@parley/shared';
import { API_TOKEN_PREFIX } from '@parley/shared';
import type { Store } from '../store/store';
import { hashToken, newSecretToken } from '../tokens';
import type { SessionTerminator } from './agent-admin.service';
import { DomainError } from './domain-error';
import { hashPassword, verifyPassword } from './password';

/** How long a right password waits for its second factor. */
export const SECOND_FACTOR_TTL_MS = 5 * 60_000;

/** The second factor, as the auth service needs it (the two-factor service implements it). */
export interface SecondFactorCheck {
  isEnabled(agentId: string): Promise<boolean>;
  /** Throws INVALID_CODE unless the code is a current, unused one of this agent. */
  verify(agentId: string, code: string): Promise<void>;
  /** Enrolment at sign-in, when the site requires a second factor (null: no session to keep). */
  beginEnrolment(agent: Agent): Promise<{ secret: string; otpauthUri: string }>;
  confirmEnrolment(agent: Agent, input: { code: string; sessionHash: string | null }): Promise<RecoveryCodes>;
}

export interface AuthServiceDeps {
  store: Store;
  sessionTtlMs: number;
  secondFactor: SecondFactorCheck;
  sessions: Pick<SessionTerminator, 'disconnectSession'>;
  now?: () => Date;
}

/** A signed-in agent, the hash of the session token they came with, and when that session ends. */
export interface AgentSessionContext {
  agent: Agent;
  sessionHash: string;
  expiresAt: string;
}

const signInAgain = () => new DomainError('UNAUTHENTICATED', 'This sign-in has expired; enter your password again.');

export function createAuthService({ store, sessionTtlMs, secondFactor, sessions, now = () => new Date() }: AuthServiceDeps) {
  // Compared against when the e-mail is unknown, so both paths cost one scrypt.
  const decoyHash = hashPassword(newSecretToken());

  async function openSession(agent: Agent): Promise<LoginResponse> {
    const token = newSecretToken();
    await store.createAgentSession({
      tokenHash: hashToken(token),
      agentId: agent.id,
      expiresAt: new Date(now().getTime() + sessionTtlMs).toISOString(),
    });
    return { token, agent };
  }

  /** The active agent of a live challenge, or UNAUTHENTICATED (sign in again). */
  async function challengeAgent(challengeHash: string): Promise<Agent> {
    const pending = await store.findSignInChallenge(challengeHash);
    if (!pending || new Date(pending.expiresAt) <= now()) throw signInAgain();
    const agent = await store.findAgentById(pending.agentId);
    if (!agent?.active) throw signInAgain();
    return agent;
  }

  async function authenticateSession(token: string | undefined): Promise<AgentSessionContext> {
    if (!token) throw new DomainError('UNAUTHENTICATED', 'Sign in first.');
    // An integration that tries its API token here must not go looking for a session that ended.
    if (token.startsWith(API_TOKEN_PREFIX)) {
      throw new DomainError('UNAUTHENTICATED', `${API_TOKEN_PREFIX} API tokens are for the REST API (/api/v1); this needs an agent's console session.`);
    }
    const sessionHash = hashToken(token);
    const session = await store.findAgentSession(sessionHash);
    if (!session || new Date(session.expiresAt) <= now()) {
      throw new DomainError('UNAUTHENTICATED', 'Your session has ended; sign in again.');
    }
    const agent = await store.findAgentById(session.agentId);
    if (!agent || !agent.active) throw new DomainError('UNAUTHENTICATED', 'Your account is not active.');
    return { agent, sessionHash, expiresAt: session.expiresAt };
  }

  return {
    /** A session, or for a two-factor agent only a challenge: no REST call or socket accepts it. */
    async login({ email, password }: LoginRequest): Promise<PasswordSignInResponse> {
      const agent = await store.findAgentWithSecretByEmail(email);
      const valid = await verifyPassword(password, agent?.passwordHash ?? (await decoyHash));
      if (!agent || !valid || !agent.active) {
        throw new DomainError('INVALID_CREDENTIALS', 'The e-mail or password is wrong.');
      }
      const { passwordHash: _secret, ...publicAgent } = agent;
      const enabled = await secondFactor.isEnabled(agent.id);
      const enrolmentRequired = !enabled && (await store.findSiteById(agent.siteId))?.settings.requireTwoFactor === true;
      if (!enabled && !enrolmentRequired) return openSession(publicAgent);
      const challenge = newSecretToken();
      const expiresAt = new Date(now().getTime() + SECOND_FACTOR_TTL_MS).toISOString();
      await store.createSignInChallenge({ tokenHash: hashToken(challenge), agentId: agent.id, expiresAt });
      return { secondFactorRequired: true, enrolmentRequired, challenge, expiresAt };
    },

    /** The site requires a second factor this agent lacks: a secret to set up, on the challenge alone. */
    async beginChallengeEnrolment(challenge: string): Promise<{ agent: Agent; secret: string; otpauthUri: string }> {
      const agent = await challengeAgent(hashToken(challenge));
      return { agent, ...(await secondFactor.beginEnrolment(agent)) };
    },

    /** A first code switches the second factor on and, once, turns the challenge into a session. */
    async completeChallengeEnrolment({ challenge, code }: SecondFactorRequest): Promise<EnrolledSignIn> {
      const challengeHash = hashToken(challenge);
      const agent = await challengeAgent(challengeHash);
      const { recoveryCodes } = await secondFactor.confirmEnrolment(agent, { code, sessionHash: null });
      if (!(await store.deleteSignInChallenge(challengeHash))) throw signInAgain();
      return { ...(await openSession(agent)), recoveryCodes };
    },

    /** The agent a live challenge belongs to (for rate limits), or null. */
    async challengeAgentId(challenge: string): Promise<string | null> {
      const pending = await store.findSignInChallenge(hashToken(challenge));
      return pending && new Date(pending.expiresAt) > now() ? pending.agentId : null;
    },

    /** The second step: a right code turns the challenge (once) into a session. */
    async completeSecondFactor({ challenge, code }: SecondFactorRequest): Promise<LoginResponse> {
      const challengeHash = hashToken(challenge);
      const agent = await challengeAgent(challengeHash);
      await secondFactor.verify(agent.id, code);
      if (!(await store.deleteSignInChallenge(challengeHash))) throw signInAgain();
      return openSession(agent);
    },

    authenticateSession,

    /** The active agent behind a bearer token, or UNAUTHENTICATED. */
    async authenticate(token: string | undefined): Promise<Agent> {
      return (await authenticateSession(token)).agent;
    },

    /** When a session ends as stored now (it may have been ended or renewed since it was checked); null when gone. */
    async sessionEndsAt(sessionHash: string): Promise<string | null> {
      return (await store.findAgentSession(sessionHash))?.expiresAt ?? null;
    },

    /** Ends the session for every client using it: its REST calls and its live consoles, on every process. */
    async logout(token: string): Promise<void> {
      const sessionHash = hashToken(token);
      await store.deleteAgentSession(sessionHash);
      sessions.disconnectSession(sessionHash);
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
