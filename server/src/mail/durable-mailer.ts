/** The Mailer the domain is given: enqueue writes the e-mail to the outbox and returns; a dispatcher sends it. */
import { EmailSchema } from '@parley/shared';
import { z } from 'zod';
import { EMAIL_TEMPLATES, type Mailer } from '../domain/mailer.port';
import type { EmailOutboxStore } from '../store/email-outbox.store';
import type { RenderEmail } from './email-renderer';

const EmailRequestSchema = z.object({
  siteId: z.string().min(1),
  to: EmailSchema,
  locale: z.string().trim().min(1).max(35),
  template: z.enum(EMAIL_TEMPLATES),
  data: z.record(z.string(), z.union([z.string(), z.number()])),
});

export class InvalidEmailRequestError extends Error {
  override readonly name = 'InvalidEmailRequestError';
}

export interface DurableMailerOptions {
  store: EmailOutboxStore;
  /**
   * Renders each request once before queueing it, so a template missing a value fails at the
   * caller, today, rather than in the dispatcher thirteen attempts later.
   */
  render: RenderEmail;
  now?: () => Date;
}

export function createDurableMailer(options: DurableMailerOptions): Mailer {
  const now = options.now ?? (() => new Date());
  return {
    async enqueue(request) {
      const parsed = EmailRequestSchema.safeParse(request);
      if (!parsed.success) {
        const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
        throw new InvalidEmailRequestError(`invalid e-mail request: ${problems.join('; ')}`);
      }
      options.render(parsed.data);
      await options.store.enqueueEmail({ ...parsed.data, at: now().toISOString() });
    },
  };
}
