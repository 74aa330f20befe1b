/** Agent sign-in: password check, bearer sessions stored hashed, sign-out. */
import type { Agent, LoginRequest, LoginResponse } from '@parley/shared';
import type { Store } from '../store/store';
import { hashToken, newSecretToken } from '../tokens';
import { DomainError } from './domain-error';
import { hashPassword, verifyPassword } from './password';

export interface AuthServiceDeps {
  store: Store;
  sessionTtlMs: number;
  now?: () => Date;
}

export function createAuthService({ store, sessionTtlMs, now = () => new Date() }: AuthServiceDeps) {
  // Compared against when the e-mail is unknown, so both paths cost one scrypt.
  const decoyHash = hashPassword(newSecretToken());

  return {
    async login({ email, password }: LoginRequest): Promise<LoginResponse> {
      const agent = await store.findAgentWithSecretByEmail(email);
      const valid = await verifyPassword(password, agent?.passwordHash ?? (await decoyHash));
      if (!agent || !valid || !agent.active) {
        throw new DomainError('INVALID_CREDENTIALS', 'The e-mail or password is wrong.');
      }
      const token = newSecretToken();
      await store.createAgentSession({
        tokenHash: hashToken(token),
        agentId: agent.id,
        expiresAt: new Date(now().getTime() + sessionTtlMs).toISOString(),
      });
      const { passwordHash: _secret, ...publicAgent } = agent;
      return { token, agent: publicAgent };
    },

    /** The active agent behind a bearer token, or UNAUTHENTICATED. */
    async authenticate(token: string | undefined): Promise<Agent> {
      if (!token) throw new DomainError('UNAUTHENTICATED', 'Sign in first.');
      const session = await store.findAgentSession(hashToken(token));
      if (!session || new Date(session.expiresAt) <= now()) {
        throw new DomainError('UNAUTHENTICATED', 'Your session has ended; sign in again.');
      }
      const agent = await store.findAgentById(session.agentId);
      if (!agent || !agent.active) throw new DomainError('UNAUTHENTICATED', 'Your account is not active.');
      return agent;
    },

    async logout(token: string): Promise<void> {
      await store.deleteAgentSession(hashToken(token));
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
