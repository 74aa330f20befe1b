/**
 * Privacy: an admin finds a contact (by e-mail or visitor id), exports everything stored about
 * them, or erases it; a visitor erases themselves ("forget me"); a site's retention limit purges
 * old conversations. Every erasure is logged without the contact's data, agents drop the records
 * from view, and the contact's live widget sessions end.
 */
import {
  CONTACT_RECORD_KINDS,
  type Agent,
  type ContactCounts,
  type ContactExport,
  type ContactLookup,
  type ContactSummary,
  type ErasureActor,
  type ErasureRecord,
} from '@parley/shared';
import type { ContactRecords, ContactSelector, ErasureResult } from '../store/privacy.store';
import type { Store, Visitor } from '../store/store';
import type { Broadcaster } from './broadcaster.port';
import { DomainError } from './domain-error';
import type { FileStore } from './file-store.port';
import type { Mailer } from './mailer.port';

/** Ends the widget sessions of erased visitors (every tab, every process). */
export interface VisitorSessions {
  disconnectVisitors(visitorIds: string[]): void;
}

export interface PrivacyServiceDeps {
  store: Store;
  files: FileStore;
  broadcaster: Broadcaster;
  sessions: VisitorSessions;
  /** Told which outbox e-mails went, so it drops its own copies of them (the no-SMTP .eml files). */
  mailer?: Pick<Mailer, 'discardCopies'>;
  now?: () => Date;
}

const DAY_MS = 24 * 60 * 60_000;
/** Records purged per site and sweep; the next sweep takes the rest. */
const RETENTION_BATCH = 200;
const ERASURE_LOG_LENGTH = 100;

const countsOf = (records: ContactRecords): ContactCounts =>
  Object.fromEntries(CONTACT_RECORD_KINDS.map((kind) => [kind, records[kind].length])) as ContactCounts;

const isEmpty = (counts: ContactCounts) => CONTACT_RECORD_KINDS.every((kind) => counts[kind] === 0);

function assertAdmin(agent: Agent): void {
  if (agent.role !== 'admin') throw new DomainError('FORBIDDEN', 'Only admins can export or erase a contact.');
}

export function createPrivacyService({ store, files, broadcaster, sessions, mailer, now = () => new Date() }: PrivacyServiceDeps) {
  /** A visitor id of another site answers like a missing one. */
  async function selectorFor(siteId: string, lookup: ContactLookup): Promise<ContactSelector> {
    if ('email' in lookup) {
      const visitors = await store.findVisitorsByEmail(siteId, lookup.email);
      return { siteId, visitorIds: visitors.map((v) => v.id), emails: [lookup.email.toLowerCase()] };
    }
    const visitor = await store.findVisitorById(lookup.visitorId);
    if (!visitor || visitor.siteId !== siteId) throw new DomainError('NOT_FOUND', 'There is no such visitor.');
    return { siteId, visitorIds: [visitor.id], emails: visitor.email ? [visitor.email.toLowerCase()] : [] };
  }

  /** Erases what the selector finds, then the files, then tells agents and ends the visitors' sessions. */
  async function erase(selector: ContactSelector, actor: ErasureActor, actorName: string | null): Promise<ErasureRecord> {
    const records = await store.collectContactRecords(selector);
    const result = await store.eraseRecords({
      siteId: selector.siteId,
      visitorIds: selector.visitorIds,
      conversationIds: records.conversations.map((c) => c.id),
      ticketIds: records.tickets.map((t) => t.id),
      emailIds: records.emails.map((e) => e.id),
    });
    await afterErasure(selector.siteId, result, selector.visitorIds);
    return store.recordErasure({ siteId: selector.siteId, at: now().toISOString(), actor, actorName, counts: result.counts });
  }

  async function afterErasure(siteId: string, result: ErasureResult, visitorIds: string[]): Promise<void> {
    // The records are gone, so no one can reach these files any more; a missing file is no error.
    for (const fileId of result.fileIds) await files.delete(fileId);
    // The .eml copies hold the address, subject and replies as the records did.
    if (result.emailIds.length) await mailer?.discardCopies?.(result.emailIds);
    if (result.conversationIds.length || result.ticketIds.length || visitorIds.length) {
      broadcaster.contactErased(siteId, { conversationIds: result.conversationIds, ticketIds: result.ticketIds, visitorIds });
    }
    if (visitorIds.length) sessions.disconnectVisitors(visitorIds);
  }

  async function purgeSite(siteId: string, retentionDays: number): Promise<ContactCounts | null> {
    const before = new Date(now().getTime() - retentionDays * DAY_MS).toISOString();
    const expired = await store.findExpiredRecords({ siteId, before, limit: RETENTION_BATCH });
    if (!expired.conversationIds.length && !expired.ticketIds.length) return null;
    const result = await store.eraseRecords({ siteId, visitorIds: [], emailIds: [], ...expired });
    await afterErasure(siteId, result, []);
    // Another process may have purged the same records a moment earlier: then there is nothing to log.
    if (isEmpty(result.counts)) return null;
    await store.recordErasure({ siteId, at: now().toISOString(), actor: { kind: 'retention' }, actorName: null, counts: result.counts });
    return result.counts;
  }

  return {
    /** Who matched and how many records of each kind would be exported or erased. */
    async summarize(agent: Agent, lookup: ContactLookup): Promise<ContactSummary> {
      assertAdmin(agent);
      const selector = await selectorFor(agent.siteId, lookup);
      const records = await store.collectContactRecords(selector);
      return {
        lookup,
        visitors: records.visitors.map((v) => ({ id: v.id, name: v.name, email: v.email, verified: v.verified ?? false, createdAt: v.createdAt })),
        emails: selector.emails,
        counts: countsOf(records),
      };
    },

    async exportContact(agent: Agent, lookup: ContactLookup): Promise<ContactExport> {
      assertAdmin(agent);
      const selector = await selectorFor(agent.siteId, lookup);
      const records = await store.collectContactRecords(selector);
      return {
        format: 'parley-contact-export/1',
        exportedAt: now().toISOString(),
        siteId: agent.siteId,
        lookup,
        visitors: records.visitors,
        conversations: records.conversations,
        messages: records.messages,
        attachments: records.attachments.map((a) => ({
          id: a.id, conversationId: a.conversationId, ticketId: a.ticketId, uploaderKind: a.uploader.kind, name: a.name, size: a.size,
          contentType: a.contentType, createdAt: a.createdAt,
        })),
        tickets: records.tickets,
        ticketEvents: records.ticketEvents,
        kbFeedback: records.kbFeedback,
        emails: records.emails.map((e) => ({
          id: e.id, to: e.to, template: e.template, locale: e.locale, status: e.status, data: e.data, createdAt: e.createdAt, sentAt: e.sentAt,
        })),
      };
    },

    /** Idempotent: erasing an erased contact erases nothing more, and is logged as asked. */
    eraseContact(agent: Agent, lookup: ContactLookup): Promise<ErasureRecord> {
      assertAdmin(agent);
      return selectorFor(agent.siteId, lookup).then(
        (selector) => erase(selector, { kind: 'agent', agentId: agent.id }, agent.name),
        (error: unknown) => {
          // An erased visitor is a missing visitor: asking again is not an error.
          if (error instanceof DomainError && error.code === 'NOT_FOUND') {
            return erase({ siteId: agent.siteId, visitorIds: [], emails: [] }, { kind: 'agent', agentId: agent.id }, agent.name);
          }
          throw error;
        },
      );
    },

    /**
     * The widget's "forget me": only what is tied to this visitor's own token. Their e-mail address
     * counts only when the site signed it (anyone can type someone else's address into a widget).
     */
    async forgetVisitor(visitor: Visitor): Promise<ContactCounts> {
      const current = await store.findVisitorById(visitor.id);
      if (!current) return (await erase({ siteId: visitor.siteId, visitorIds: [], emails: [] }, { kind: 'visitor' }, null)).counts;
      const emails = current.verified && current.email ? [current.email.toLowerCase()] : [];
      return (await erase({ siteId: current.siteId, visitorIds: [current.id], emails }, { kind: 'visitor' }, null)).counts;
    },

    async listErasures(agent: Agent): Promise<ErasureRecord[]> {
      assertAdmin(agent);
      return store.listErasures(agent.siteId, ERASURE_LOG_LENGTH);
    },

    /** The retention sweep: safe in every process at once (deletes are idempotent, and only real deletions are logged). */
    async purgeExpired(): Promise<number> {
      let purged = 0;
      for (const site of await store.listSites()) {
        if (site.settings.retentionDays === null) continue;
        const counts = await purgeSite(site.id, site.settings.retentionDays);
        purged += counts?.conversations ?? 0;
      }
      return purged;
    },
  };
}

export type PrivacyService = ReturnType<typeof createPrivacyService>;
