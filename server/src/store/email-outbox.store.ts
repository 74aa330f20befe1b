/** The e-mail outbox part of the storage seam: e-mails wait here until a dispatcher has sent them. */

export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** Values a template interpolates; plain text, escaped by the renderer where needed. */
export type EmailData = Record<string, string | number>;

export interface OutboxEmail {
  id: string;
  siteId: string | null;
  to: string;
  locale: string;
  /**
   * The template's name as stored. A plain string, not EmailTemplate: a row written by a newer
   * Parley may name a template this process does not know, and the dispatcher must cope.
   */
  template: string;
  data: EmailData;
  status: OutboxStatus;
  /** Delivery attempts started so far (a claim counts as one, so a crash mid-send counts too). */
  attempts: number;
  nextAttemptAt: string;
  /** While `sending`: when the claim lapses and another dispatcher may take the e-mail over. */
  leaseUntil: string | null;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

/** What the durable mailer writes: an EmailRequest it has validated (the store checks nothing). */
export interface NewOutboxEmail {
  siteId: string | null;
  to: string;
  locale: string;
  template: string;
  data: EmailData;
  /** When it was queued and first becomes due; now when absent. */
  at?: string;
}

export interface ClaimDueEmails {
  now: string;
  leaseUntil: string;
  limit: number;
}

export interface OutboxFilter {
  status?: OutboxStatus;
  siteId?: string;
  limit?: number;
}

export interface EmailOutboxStore {
  enqueueEmail(email: NewOutboxEmail): Promise<OutboxEmail>;
  /**
   * Takes up to `limit` e-mails that are pending and due, or `sending` under a lease that ran out
   * (its dispatcher died), and turns them `sending` under a new lease, counting one attempt. One
   * conditional write per e-mail, so two processes never claim the same one. Oldest due first.
   */
  claimDueEmails(claim: ClaimDueEmails): Promise<OutboxEmail[]>;
  markEmailSent(id: string, at: string): Promise<void>;
  /** Back to pending until `nextAttemptAt`; ignored unless the e-mail is still `sending`. */
  markEmailRetry(id: string, retry: { error: string; nextAttemptAt: string }): Promise<void>;
  /** Gives up for good (after many attempts); ignored unless the e-mail is still `sending`. */
  markEmailFailed(id: string, error: string): Promise<void>;
  /** Oldest first; for tests and the admin view. */
  listOutbox(filter?: OutboxFilter): Promise<OutboxEmail[]>;
}

/** Error texts come from remote servers; a stored one is kept short. */
export const MAX_STORED_ERROR_LENGTH = 1000;
export const clipError = (error: string): string =>
  error.length > MAX_STORED_ERROR_LENGTH ? `${error.slice(0, MAX_STORED_ERROR_LENGTH - 1)}…` : error;

/** Narrows stored template data (JSON or a mixed document field) to string and number values. */
export function toEmailData(value: unknown): EmailData {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, string | number] =>
      typeof entry[1] === 'string' || (typeof entry[1] === 'number' && Number.isFinite(entry[1])),
    ),
  );
}
