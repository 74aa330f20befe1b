/**
 * How fast replies may come through a ticket's public page. Whoever holds its link may reply, and
 * the link does not expire: a leaked one must not let a script flood the agents (each reply reaches
 * every console and every ticket.updated webhook).
 */
import { rateLimited, type RateLimiter, type RateLimitRule } from './rate-limiter';

const MINUTE = 60_000;

export interface RequesterReplyRules {
  perTicket: RateLimitRule;
  perAddress: RateLimitRule;
}

/** A person answers a few times in ten minutes; a script, hundreds. */
export const REQUESTER_REPLY_RULES: RequesterReplyRules = {
  perTicket: { name: 'ticket-page-replies', limit: 10, windowMs: 10 * MINUTE },
  perAddress: { name: 'address-ticket-page-replies', limit: 30, windowMs: 10 * MINUTE },
};

export function createRequesterLimits({ limiter, rules = REQUESTER_REPLY_RULES }: { limiter: RateLimiter; rules?: RequesterReplyRules }) {
  return {
    /** Counts a reply on the ticket's page; over a limit, RATE_LIMITED with the wait. */
    async beforeReply(ticketId: string, address: string | null): Promise<void> {
      const checks: [RateLimitRule, string | null][] = [[rules.perTicket, ticketId], [rules.perAddress, address]];
      for (const [rule, subject] of checks) {
        if (subject === null) continue; // no trusted address: the per-address limit cannot apply
        const decision = await limiter.hit(rule, subject);
        if (!decision.allowed) throw rateLimited('You are replying too fast.', decision.retryAfterMs);
      }
    },
  };
}

export type RequesterLimits = ReturnType<typeof createRequesterLimits>;
