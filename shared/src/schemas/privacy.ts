/** Privacy: finding, exporting and erasing everything stored about one contact, and the erasure log. */
import { z } from 'zod';
import { EmailSchema, IdSchema } from './common';
import type { Conversation } from './conversation';
import type { Message } from './message';
import type { Ticket, TicketEvent } from './ticket';
import type { VisitorProfile } from './visitor';

/** An admin names a contact by the e-mail address they gave, or by the visitor id the console shows. */
export const ContactLookupSchema = z.union([
  z.strictObject({ email: EmailSchema }),
  z.strictObject({ visitorId: IdSchema }),
]);
export type ContactLookup = z.infer<typeof ContactLookupSchema>;

/** How many records of each kind belong to a contact (or went in one erasure). */
export const CONTACT_RECORD_KINDS = [
  'visitors',
  'conversations',
  'messages',
  'attachments',
  'tickets',
  'ticketEvents',
  'kbFeedback',
  'emails',
] as const;
export type ContactRecordKind = (typeof CONTACT_RECORD_KINDS)[number];
export type ContactCounts = Record<ContactRecordKind, number>;

/** What the console shows before an export or an erasure: who matched and what would go. */
export interface ContactSummary {
  lookup: ContactLookup;
  /** The visitors that matched, as agents see them (name, e-mail, verified). */
  visitors: { id: string; name: string | null; email: string | null; verified: boolean; createdAt: string }[];
  /** The e-mail addresses whose tickets and e-mails count as this contact's. */
  emails: string[];
  counts: ContactCounts;
}

/** Who asked for an erasure; the log keeps this and the counts, never the contact's data. */
export type ErasureActor = { kind: 'agent'; agentId: string } | { kind: 'visitor' } | { kind: 'retention' };

export interface ErasureRecord {
  id: string;
  siteId: string;
  at: string;
  actor: ErasureActor;
  /** The agent's name at the time (agents are not the contact; their names may stay). */
  actorName: string | null;
  counts: ContactCounts;
}

/** The widget's "forget me": must say so explicitly, so no stray payload can erase a visitor. */
export const ForgetMeRequestSchema = z.strictObject({ confirm: z.literal(true) });
export type ForgetMeRequest = z.infer<typeof ForgetMeRequestSchema>;

/** Told to the site's agents: these records are gone (erased or past retention); drop them from view. */
export interface ContactErasedNotice {
  conversationIds: string[];
  ticketIds: string[];
  visitorIds: string[];
}

export const emptyContactCounts = (): ContactCounts =>
  Object.fromEntries(CONTACT_RECORD_KINDS.map((kind) => [kind, 0])) as ContactCounts;

/** One attachment as stored: its metadata (the bytes are downloadable by id while they exist). */
export interface ExportedAttachment {
  id: string;
  conversationId: string | null;
  /** The ticket whose reply or note it went with (or was uploaded for); null for a chat's file. */
  ticketId: string | null;
  uploaderKind: 'visitor' | 'agent';
  name: string;
  size: number;
  contentType: string;
  createdAt: string;
}

export interface ExportedKbFeedback {
  articleId: string;
  kind: 'vote' | 'deflection';
  value: string;
  at: string;
}

export interface ExportedEmail {
  id: string;
  to: string;
  template: string;
  locale: string;
  status: string;
  data: Record<string, string | number>;
  createdAt: string;
  sentAt: string | null;
}

/** Everything Parley stores about a contact, as the JSON download gives it. */
export interface ContactExport {
  format: 'parley-contact-export/1';
  exportedAt: string;
  siteId: string;
  lookup: ContactLookup;
  visitors: VisitorProfile[];
  conversations: Conversation[];
  /** Every message of those conversations, agents' internal notes included (marked `internal`). */
  messages: Message[];
  attachments: ExportedAttachment[];
  tickets: Ticket[];
  ticketEvents: TicketEvent[];
  kbFeedback: ExportedKbFeedback[];
  emails: ExportedEmail[];
}
