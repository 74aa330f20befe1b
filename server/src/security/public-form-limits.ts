/**
 * How fast the public pages' forms may be sent: replies on a ticket's page (whoever holds its link
 * may reply, and the link does not expire: a leaked one must not let a script flood the agents, each
 * reply reaching every console and every ticket.updated webhook) and the help centre's "Did this
 * help?" votes (one per browser is a cookie a script need not keep).
 */
import { enforceLimits, type RateLimiter, type RateLimitRule } from './rate-limiter';

const MINUTE = 60_000;

export interface PublicFormRules {
  repliesPerTicket: RateLimitRule;
  repliesPerAddress: RateLimitRule;
  votesPerAddress: RateLimitRule;
}

/** A person answers a few times in ten minutes and votes on a few articles; a script, hundreds. */
export const PUBLIC_FORM_RULES: PublicFormRules = {
  repliesPerTicket: { name: 'ticket-page-replies', limit: 10, windowMs: 10 * MINUTE },
  repliesPerAddress: { name: 'address-ticket-page-replies', limit: 30, windowMs: 10 * MINUTE },
  votesPerAddress: { name: 'address-article-votes', limit: 20, windowMs: 60 * MINUTE },
};

export function createPublicFormLimits({ limiter, rules = PUBLIC_FORM_RULES }: { limiter: RateLimiter; rules?: PublicFormRules }) {
  return {
    /** Counts a reply on a ticket's page; over a limit, RATE_LIMITED with the wait. */
    beforeTicketReply: (ticketId: string, address: string | null): Promise<void> =>
      enforceLimits(limiter, [[rules.repliesPerTicket, ticketId], [rules.repliesPerAddress, address]], 'You are replying too fast.'),
    /** Counts a vote on a help-centre article; over the limit, RATE_LIMITED. */
    beforeArticleVote: (address: string | null): Promise<void> =>
      enforceLimits(limiter, [[rules.votesPerAddress, address]], 'Too many votes from this network.'),
  };
}

export type PublicFormLimits = ReturnType<typeof createPublicFormLimits>;
