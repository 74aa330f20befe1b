/**
 * Rate limits on what a signed-in agent does with their credentials (confirming or switching off
 * two-factor, changing the password) and on "forgot password" requests: a stolen session cannot
 * guess codes or the current password, and nobody can flood an inbox with reset e-mails.
 */
import { DomainError } from '../domain/domain-error';
import { rateLimited, type RateLimiter, type RateLimitRule } from './rate-limiter';

const MINUTE = 60_000;

export const CREDENTIAL_RULES = {
  /** Wrong codes or passwords per agent on their own account page, before a 15-minute lock. */
  failuresPerAgent: { name: 'credential-failures-agent', limit: 5, windowMs: 15 * MINUTE },
  lockout: { name: 'credential-lock', limit: 1, windowMs: 15 * MINUTE },
  /** Reset requests per address (refused with RATE_LIMITED past it). */
  resetRequestsPerAddress: { name: 'password-reset-address', limit: 10, windowMs: 15 * MINUTE },
  /** Reset e-mails per address book entry: past it, requests are answered alike but send nothing. */
  resetEmailsPerAccount: { name: 'password-reset-account', limit: 3, windowMs: 60 * MINUTE },
} satisfies Record<string, RateLimitRule>;

export function createCredentialLimits({ limiter, rules = CREDENTIAL_RULES }: { limiter: RateLimiter; rules?: typeof CREDENTIAL_RULES }) {
  return {
    /** Runs a credential check for the agent; INVALID_CODE and INVALID_CREDENTIALS count towards a lock. */
    async checked<T>(agentId: string, run: () => Promise<T>): Promise<T> {
      const lock = await limiter.peek(rules.lockout, agentId);
      if (!lock.allowed) throw rateLimited('Too many wrong codes or passwords.', lock.retryAfterMs);
      try {
        return await run();
      } catch (error) {
        if (error instanceof DomainError && (error.code === 'INVALID_CODE' || error.code === 'INVALID_CREDENTIALS')) {
          const failures = await limiter.hit(rules.failuresPerAgent, agentId);
          if (failures.count >= rules.failuresPerAgent.limit) await limiter.hit(rules.lockout, agentId);
        }
        throw error;
      }
    },

    /** Whether to send a reset e-mail for this request; RATE_LIMITED for an address asking too often. */
    async mayRequestReset(email: string, address: string | null): Promise<boolean> {
      if (address !== null) {
        const attempt = await limiter.hit(rules.resetRequestsPerAddress, address);
        if (!attempt.allowed) throw rateLimited('Too many requests from this address.', attempt.retryAfterMs);
      }
      return (await limiter.hit(rules.resetEmailsPerAccount, email)).allowed;
    },
  };
}

export type CredentialLimits = ReturnType<typeof createCredentialLimits>;
