/** The port through which the domain asks for an e-mail; delivery is durable and retried behind it. */

/** Every e-mail Parley sends to customers; each has a template per locale. */
export const EMAIL_TEMPLATES = [
  'ticket_received',
  'ticket_reply',
  'ticket_pending',
  'ticket_pending_reminder',
  'ticket_solved',
  'chat_transcript',
  'agent_password_reset',
] as const;
export type EmailTemplate = (typeof EMAIL_TEMPLATES)[number];

export interface EmailRequest {
  siteId: string;
  to: string;
  /** BCP 47 tag; templates fall back to English when the language has none. */
  locale: string;
  template: EmailTemplate;
  /**
   * Values the template interpolates, e.g. siteName, requesterName, ticketNumber, subject, link,
   * agentName, replyText, statusLabel, transcript. Plain text: templates escape for HTML.
   * `ticketId`, shown nowhere, threads the e-mail with the other e-mails about that ticket.
   */
  data: Record<string, string | number>;
}

export interface Mailer {
  /** Durably queues the e-mail (it survives a restart) and returns; sending happens after. */
  enqueue(request: EmailRequest): Promise<void>;
  /**
   * Removes the copies the mail side itself keeps of these outbox e-mails (the .eml files written
   * without SMTP), once an erasure or retention removed their records. Absent: it keeps none.
   */
  discardCopies?(emailIds: readonly string[]): Promise<void>;
}
