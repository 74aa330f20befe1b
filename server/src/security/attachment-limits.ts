/** How fast a visitor (or a ticket's requester), everyone at one address, and an agent may upload files. */
import type { AttachmentCaller } from '../domain/attachment.service';
import { enforceLimits, type RateCheck, type RateLimiter, type RateLimitRule } from './rate-limiter';

const MINUTE = 60_000;

export interface UploadRules {
  perVisitor: RateLimitRule;
  perAddress: RateLimitRule;
  perAgent: RateLimitRule;
}

/** A person sends a handful of files in a chat; a script sends hundreds. */
export const UPLOAD_RULES: UploadRules = {
  perVisitor: { name: 'visitor-uploads', limit: 20, windowMs: 10 * MINUTE },
  perAddress: { name: 'address-uploads', limit: 60, windowMs: 10 * MINUTE },
  perAgent: { name: 'agent-uploads', limit: 120, windowMs: 10 * MINUTE },
};

export function createAttachmentLimits({ limiter, rules = UPLOAD_RULES }: { limiter: RateLimiter; rules?: UploadRules }) {
  return {
    /** Counts the upload before a byte of it is read; over a limit, RATE_LIMITED with the wait in words. */
    async beforeUpload(caller: AttachmentCaller, address: string | null): Promise<void> {
      const checks: RateCheck[] =
        caller.kind === 'agent'
          ? [[rules.perAgent, caller.agent.id]]
          : [[rules.perVisitor, caller.kind === 'visitor' ? caller.visitor.id : `ticket:${caller.ticketId}`], [rules.perAddress, address]];
      await enforceLimits(limiter, checks, 'You are sending files too fast.');
    },
  };
}

export type AttachmentLimits = ReturnType<typeof createAttachmentLimits>;
