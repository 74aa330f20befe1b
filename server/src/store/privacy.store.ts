/** The privacy part of the storage seam: everything stored about a contact, its erasure, retention and the erasure log. */
import type { ContactCounts, Conversation, ErasureActor, ErasureRecord, ExportedKbFeedback, Message, Ticket, TicketEvent } from '@parley/shared';
import type { AttachmentRecord } from './attachment.store';
import type { OutboxEmail } from './email-outbox.store';
import type { Visitor } from './store';

/** A contact: these visitors of the site, and these e-mail addresses (lower case). */
export interface ContactSelector {
  siteId: string;
  visitorIds: string[];
  emails: string[];
}

export interface ContactRecords {
  visitors: Visitor[];
  /** The visitors' conversations and those of the contact's tickets. */
  conversations: Conversation[];
  /** All of them, agents' internal notes included. */
  messages: Message[];
  attachments: AttachmentRecord[];
  /** The visitors' tickets, those of their conversations, and those requested from the e-mail addresses. */
  tickets: Ticket[];
  ticketEvents: TicketEvent[];
  kbFeedback: ExportedKbFeedback[];
  /** The site's e-mails to the contact's addresses, queued or sent. */
  emails: OutboxEmail[];
}

/**
 * What an erasure removes: these visitors with everything of theirs, these conversations and
 * tickets with everything in them (their outbox e-mails included), these outbox e-mails. Ids already gone are skipped, so a
 * repeated erasure is harmless; records that arrive meanwhile for these visitors go too.
 */
export interface ErasureTarget {
  siteId: string;
  visitorIds: string[];
  conversationIds: string[];
  ticketIds: string[];
  emailIds: string[];
}

export interface ErasureResult {
  counts: ContactCounts;
  /** The attachments' bytes to remove from the file store (their records are gone). */
  fileIds: string[];
  conversationIds: string[];
  ticketIds: string[];
  /** The outbox e-mails removed: those named, and those about the tickets erased. */
  emailIds: string[];
}

export interface ExpiredRecords {
  /** Resolved conversations untouched since before the cut-off, with no ticket or one closed (and untouched) since before it. */
  conversationIds: string[];
  /** Tickets without a chat, closed before the cut-off. */
  ticketIds: string[];
}

export interface PrivacyStore {
  /** The site's visitors who gave this e-mail address (compared in lower case). */
  findVisitorsByEmail(siteId: string, email: string): Promise<Visitor[]>;
  collectContactRecords(selector: ContactSelector): Promise<ContactRecords>;
  /** Deletes what the target names, all or nothing where the store has transactions (SQLite). */
  eraseRecords(target: ErasureTarget): Promise<ErasureResult>;
  /** Up to `limit` of each kind, for the retention sweep. */
  findExpiredRecords(input: { siteId: string; before: string; limit: number }): Promise<ExpiredRecords>;
  recordErasure(entry: { siteId: string; at: string; actor: ErasureActor; actorName: string | null; counts: ContactCounts }): Promise<ErasureRecord>;
  /** Newest first. */
  listErasures(siteId: string, limit: number): Promise<ErasureRecord[]>;
}
