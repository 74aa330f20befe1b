/** How fast a visitor, and everyone at one address, may open conversations and send messages. */
import type { Visitor } from '../store/store';
import type { VisitorMessageAdmission } from '../domain/conversation.service';
import { enforceLimits, rateLimited, type RateCheck, type RateLimiter, type RateLimitRule } from './rate-limiter';

const MINUTE = 60_000;

export interface VisitorRules {
  messagePerVisitor: RateLimitRule;
  messagePerAddress: RateLimitRule;
  conversationPerVisitor: RateLimitRule;
  conversationPerAddress: RateLimitRule;
  newVisitorPerAddress: RateLimitRule;
  transcriptPerVisitor: RateLimitRule;
  transcriptPerAddress: RateLimitRule;
  transcriptPerRecipient: RateLimitRule;
}

/**
 * Messages are counted in the store a tenth of the limit at a time (see rate-reservations.ts): a
 * chatting visitor costs the store one write per few messages, and may be refused at worst a tenth
 * of the limit early (after moving to another process, or a restart).
 */
const messageRule = (name: string, limit: number): RateLimitRule => ({
  name, limit, windowMs: MINUTE, reserve: Math.max(1, Math.floor(limit / 10)),
});

/** Generous for people (an office behind one NAT included), tight for scripts. */
export const VISITOR_RULES: VisitorRules = {
  messagePerVisitor: messageRule('visitor-messages', 30),
  messagePerAddress: messageRule('address-messages', 120),
  conversationPerVisitor: { name: 'visitor-conversations', limit: 5, windowMs: 10 * MINUTE },
  conversationPerAddress: { name: 'address-conversations', limit: 30, windowMs: 10 * MINUTE },
  newVisitorPerAddress: { name: 'address-new-visitors', limit: 60, windowMs: 10 * MINUTE },
  // A transcript is e-mailed to any address the visitor types, with text the visitor wrote: without
  // these, anyone with the public site key could send mail from the site's sender to anyone.
  transcriptPerVisitor: { name: 'visitor-transcripts', limit: 3, windowMs: 60 * MINUTE },
  transcriptPerAddress: { name: 'address-transcripts', limit: 10, windowMs: 60 * MINUTE },
  transcriptPerRecipient: { name: 'recipient-transcripts', limit: 3, windowMs: 60 * MINUTE },
};

/** The default rules with the message limits set by configuration (VISITOR_/ADDRESS_MESSAGES_PER_MINUTE). */
export function visitorRules(messages?: { perVisitorPerMinute: number; perAddressPerMinute: number }): VisitorRules {
  if (!messages) return VISITOR_RULES;
  return {
    ...VISITOR_RULES,
    messagePerVisitor: messageRule(VISITOR_RULES.messagePerVisitor.name, messages.perVisitorPerMinute),
    messagePerAddress: messageRule(VISITOR_RULES.messagePerAddress.name, messages.perAddressPerMinute),
  };
}

export interface VisitorLimitsDeps {
  limiter: RateLimiter;
  rules?: VisitorRules;
}

export function createVisitorLimits({ limiter, rules = VISITOR_RULES }: VisitorLimitsDeps) {
  const enforce = (checks: RateCheck[], reason: string) => enforceLimits(limiter, checks, reason);

  const conversationChecks = (visitor: Visitor, address: string | null): RateCheck[] => [
    [rules.conversationPerVisitor, visitor.id],
    [rules.conversationPerAddress, address],
  ];
  const tooManyConversations = 'Too many new conversations.';

  return {
    /**
     * The checks of one visitor message: the message itself, and a new conversation when it opens
     * one. (A refused resend of a message already stored is answered with it: see visitorSend.)
     */
    visitorMessage(visitor: Visitor, address: string | null): VisitorMessageAdmission {
      return {
        async message() {
          // One store request for every count a message makes.
          const checks: (readonly [RateLimitRule, string])[] = [[rules.messagePerVisitor, visitor.id]];
          if (address !== null) checks.push([rules.messagePerAddress, address]);
          const decisions = await limiter.hitInTurn(checks);
          const refused = decisions.find((d) => !d.allowed);
          if (refused) {
            // The wait in numbers too: the widget holds the visitor's messages that long, saying so in their language.
            throw rateLimited('You are sending messages too fast.', refused.retryAfterMs);
          }
        },
        conversation: () => enforce(conversationChecks(visitor, address), tooManyConversations),
      };
    },

    /** The offline form opens a ticket: it counts as a new conversation. */
    beforeOfflineTicket(visitor: Visitor, address: string | null): Promise<void> {
      return enforce(conversationChecks(visitor, address), tooManyConversations);
    },

    /** A chat's transcript e-mailed to an address the visitor gave: few per visitor, network and recipient. */
    beforeTranscript(visitor: Visitor, address: string | null, email: string): Promise<void> {
      return enforce(
        [[rules.transcriptPerVisitor, visitor.id], [rules.transcriptPerAddress, address], [rules.transcriptPerRecipient, `${visitor.siteId}:${email.toLowerCase()}`]],
        'Too many transcripts sent. Please try again later.',
      );
    },

    /** A handshake that will create a visitor (no token, or one we do not know). */
    newVisitor(address: string | null): Promise<void> {
      return enforce([[rules.newVisitorPerAddress, address]], 'Too many new chats from this network.');
    },
  };
}

export type VisitorLimits = ReturnType<typeof createVisitorLimits>;
