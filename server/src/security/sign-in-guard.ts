/**
 * Agent sign-in under rate limits: attempts per address, and a 15-minute lockout after repeated
 * failures for one account from one address, from one address over many accounts, or for one
 * account from everywhere. A locked sign-in is refused even with the right password. Wrong
 * second-factor codes count the same way, per account and per address.
 */
import type { EnrolledSignIn, LoginRequest, LoginResponse, PasswordSignInResponse, SecondFactorRequest } from '@parley/shared';
import type { AuthService } from '../domain/auth.service';
import { DomainError } from '../domain/domain-error';
import { rateLimited, type RateLimiter, type RateLimitRule } from './rate-limiter';

const MINUTE = 60_000;

export interface SignInRules {
  attemptsPerAddress: RateLimitRule;
  failuresPerAccountAndAddress: RateLimitRule;
  failuresPerAddress: RateLimitRule;
  failuresPerAccount: RateLimitRule;
  /** Wrong codes for one account: only someone who knew the password can make these, so the limit is low. */
  codeFailuresPerAccount: RateLimitRule;
  codeFailuresPerAddress: RateLimitRule;
  /** A lock is a counter of its own: present means locked, for its whole window. */
  lockout: RateLimitRule;
}

export const SIGN_IN_RULES: SignInRules = {
  attemptsPerAddress: { name: 'sign-in-address', limit: 60, windowMs: MINUTE },
  failuresPerAccountAndAddress: { name: 'sign-in-failures-account-address', limit: 10, windowMs: 15 * MINUTE },
  failuresPerAddress: { name: 'sign-in-failures-address', limit: 30, windowMs: 15 * MINUTE },
  // High: anyone can fail for any account, so a low global limit would let strangers lock admins out.
  failuresPerAccount: { name: 'sign-in-failures-account', limit: 100, windowMs: 15 * MINUTE },
  codeFailuresPerAccount: { name: 'second-factor-failures-account', limit: 5, windowMs: 15 * MINUTE },
  codeFailuresPerAddress: { name: 'second-factor-failures-address', limit: 20, windowMs: 15 * MINUTE },
  lockout: { name: 'sign-in-lock', limit: 1, windowMs: 15 * MINUTE },
};

export interface SignInGuardDeps {
  limiter: RateLimiter;
  auth: Pick<AuthService, 'login' | 'challengeAgentId' | 'completeSecondFactor' | 'completeChallengeEnrolment'>;
  rules?: SignInRules;
}

export function createSignInGuard({ limiter, auth, rules = SIGN_IN_RULES }: SignInGuardDeps) {
  /** Each failure counter with the lock it sets once full; per-address ones only with a trusted address. */
  function failureCounters(email: string, address: string | null): [RateLimitRule, string][] {
    const pair: [RateLimitRule, string] = [rules.failuresPerAccountAndAddress, `${email}|${address ?? 'local'}`];
    const account: [RateLimitRule, string] = [rules.failuresPerAccount, email];
    return address === null ? [pair, account] : [pair, [rules.failuresPerAddress, address], account];
  }
  const lockSubject = (rule: RateLimitRule, subject: string) => `${rule.name}|${subject}`;

  async function countAttempt(address: string | null): Promise<void> {
    if (address === null) return;
    const attempt = await limiter.hit(rules.attemptsPerAddress, address);
    if (!attempt.allowed) {
      throw rateLimited('Too many sign-in attempts from this address.', attempt.retryAfterMs);
    }
  }

  async function refuseWhileLocked(counters: [RateLimitRule, string][]): Promise<void> {
    for (const [rule, subject] of counters) {
      const lock = await limiter.peek(rules.lockout, lockSubject(rule, subject));
      if (!lock.allowed) {
        throw rateLimited('Too many failed sign-ins.', lock.retryAfterMs);
      }
    }
  }

  async function countFailures(counters: [RateLimitRule, string][]): Promise<void> {
    for (const [rule, subject] of counters) {
      const failures = await limiter.hit(rule, subject);
      if (failures.count >= rule.limit) await limiter.hit(rules.lockout, lockSubject(rule, subject));
    }
  }

  async function secondStep<T>(request: SecondFactorRequest, address: string | null, run: () => Promise<T>): Promise<T> {
    await countAttempt(address);
    const agentId = await auth.challengeAgentId(request.challenge);
    const counters: [RateLimitRule, string][] = [];
    if (agentId) counters.push([rules.codeFailuresPerAccount, agentId]);
    if (address !== null) counters.push([rules.codeFailuresPerAddress, address]);
    await refuseWhileLocked(counters);
    try {
      return await run();
    } catch (error) {
      if (error instanceof DomainError && error.code === 'INVALID_CODE') await countFailures(counters);
      throw error;
    }
  }

  return {
    async login(request: LoginRequest, address: string | null): Promise<PasswordSignInResponse> {
      await countAttempt(address);
      const counters = failureCounters(request.email, address);
      await refuseWhileLocked(counters);
      try {
        const session = await auth.login(request);
        await limiter.reset(rules.failuresPerAccountAndAddress, `${request.email}|${address ?? 'local'}`);
        return session;
      } catch (error) {
        if (error instanceof DomainError && error.code === 'INVALID_CREDENTIALS') {
          await countFailures(counters);
        }
        throw error;
      }
    },

    /** The second step; wrong codes lock that account's second step (and a guessing address) for a while. */
    completeSecondFactor(request: SecondFactorRequest, address: string | null): Promise<LoginResponse> {
      return secondStep(request, address, () => auth.completeSecondFactor(request));
    },

    /** The second step when the site requires a second factor the agent sets up now: the same limits. */
    completeEnrolment(request: SecondFactorRequest, address: string | null): Promise<EnrolledSignIn> {
      return secondStep(request, address, () => auth.completeChallengeEnrolment(request));
    },
  };
}

export type SignInGuard = ReturnType<typeof createSignInGuard>;
