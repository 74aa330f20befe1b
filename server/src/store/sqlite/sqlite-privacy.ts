/** SQLite privacy queries: a contact's records, their erasure in one transaction, retention candidates, the erasure log. */
import type Database from 'better-sqlite3';
import type { ContactCounts, ErasureActor, ErasureRecord } from '@parley/shared';
import { newId } from '../../tokens';
import type { ContactRecords, ContactSelector, ErasureResult, ErasureTarget, PrivacyStore } from '../privacy.store';
import { toConversation, toMessage, toVisitor, type ConversationRow, type MessageRow, type VisitorRow } from './rows';
import { toTicket, toTicketEvent, type TicketEventRow, type TicketRow } from './ticket-rows';
import { toAttachmentRecord, type AttachmentRow } from './sqlite-attachments';
import { toOutboxEmail, type OutboxRow } from './sqlite-email-outbox';

/** Ids travel as one JSON array parameter, read back through json_each. */
const IN = (param: string) => `IN (SELECT value FROM json_each(@${param}))`;
const json = (ids: readonly string[]) => JSON.stringify(ids);
/** A column's JSON, or an empty object where a row holds none: one bad row must not fail every erasure. */
const VALID_JSON = (column: string) => `(CASE WHEN json_valid(${column}) THEN ${column} ELSE '{}' END)`;
/** Feedback rows carry no site: their article's site is theirs. */
const SITE_ARTICLES = 'article_id IN (SELECT id FROM kb_articles WHERE site_id = @site)';
/** A contact's files: those of their conversations (@c) and tickets (@t), and every upload of their visitors (@v). */
const CONTACT_ATTACHMENTS = `site_id = @site AND (conversation_id ${IN('c')} OR ticket_id ${IN('t')}
  OR (uploader_kind = 'visitor' AND uploader_id ${IN('v')}))`;

interface ErasureRow {
  id: string; site_id: string; at: string; actor_kind: ErasureActor['kind'];
  actor_agent_id: string | null; actor_name: string | null; counts_json: string;
}

const toActor = (r: ErasureRow): ErasureActor =>
  r.actor_kind === 'agent' ? { kind: 'agent', agentId: r.actor_agent_id ?? '' } : { kind: r.actor_kind };

const toErasure = (r: ErasureRow): ErasureRecord => ({
  id: r.id, siteId: r.site_id, at: r.at, actor: toActor(r), actorName: r.actor_name,
  counts: JSON.parse(r.counts_json) as ContactCounts,
});

export function sqliteContactRecords(db: Database.Database, selector: ContactSelector): ContactRecords {
  const params = { site: selector.siteId, v: json(selector.visitorIds), e: json(selector.emails) };
  const tickets = db
    .prepare<typeof params, TicketRow>(
      `SELECT * FROM tickets WHERE site_id = @site AND (visitor_id ${IN('v')} OR lower(requester_email) ${IN('e')}
         OR conversation_id IN (SELECT id FROM conversations WHERE site_id = @site AND visitor_id ${IN('v')}))
       ORDER BY created_at`,
    )
    .all(params);
  const conversations = db
    .prepare<typeof params & { t: string }, ConversationRow>(
      `SELECT * FROM conversations WHERE site_id = @site AND (visitor_id ${IN('v')}
         OR id IN (SELECT conversation_id FROM tickets WHERE id ${IN('t')})) ORDER BY created_at`,
    )
    .all({ ...params, t: json(tickets.map((t) => t.id)) });
  const c = json(conversations.map((x) => x.id));
  const t = json(tickets.map((x) => x.id));
  return {
    visitors: db
      .prepare<typeof params, VisitorRow>(`SELECT * FROM visitors WHERE site_id = @site AND id ${IN('v')} ORDER BY created_at`)
      .all(params)
      .map(toVisitor),
    conversations: conversations.map(toConversation),
    messages: db
      .prepare<{ c: string }, MessageRow>(`SELECT * FROM messages WHERE conversation_id ${IN('c')} ORDER BY conversation_id, seq`)
      .all({ c })
      .map(toMessage),
    attachments: db
      .prepare<typeof params & { c: string; t: string }, AttachmentRow>(
        `SELECT * FROM attachments WHERE ${CONTACT_ATTACHMENTS} ORDER BY created_at`,
      )
      .all({ ...params, c, t })
      .map(toAttachmentRecord),
    tickets: tickets.map(toTicket),
    ticketEvents: db
      .prepare<{ t: string }, TicketEventRow>(`SELECT * FROM ticket_events WHERE ticket_id ${IN('t')} ORDER BY ticket_id, seq`)
      .all({ t })
      .map(toTicketEvent),
    kbFeedback: db
      .prepare<{ site: string; k: string }, { article_id: string; kind: 'vote' | 'deflection'; value: string; at: string }>(
        `SELECT article_id, kind, value, at FROM kb_article_feedback WHERE voter_key ${IN('k')} AND ${SITE_ARTICLES} ORDER BY at`,
      )
      .all({ site: selector.siteId, k: json(selector.visitorIds.map((id) => `visitor:${id}`)) })
      .map((r) => ({ articleId: r.article_id, kind: r.kind, value: r.value, at: r.at })),
    emails: db
      .prepare<typeof params, OutboxRow>(`SELECT * FROM email_outbox WHERE site_id = @site AND lower(to_address) ${IN('e')} ORDER BY created_at`)
      .all(params)
      .map(toOutboxEmail),
  };
}

/**
 * Webhook bodies copy the chat, ticket or message they announce: one still queued would send the
 * erased text afterwards (retried for a day), and a sent one keeps it in the delivery log. Any
 * delivery whose event data holds one of these ids as a value goes; ids are random, so no other matches.
 */
function dropWebhookDeliveriesNaming(db: Database.Database, siteId: string, ids: readonly string[]): void {
  if (ids.length === 0) return;
  db.prepare(
    `DELETE FROM webhook_deliveries WHERE site_id = @site
       AND EXISTS (SELECT 1 FROM json_tree(${VALID_JSON('payload')}, '$.data') WHERE type = 'text' AND value ${IN('ids')})`,
  ).run({ site: siteId, ids: json(ids) });
}

function eraseInTransaction(db: Database.Database, target: ErasureTarget): ErasureResult {
  const base = { site: target.siteId, v: json(target.visitorIds) };
  // The tickets named, the visitors' own, and those of the conversations named.
  const ticketIds = db
    .prepare<typeof base & { t: string; c: string }, { id: string }>(
      `SELECT id FROM tickets WHERE site_id = @site AND (id ${IN('t')} OR visitor_id ${IN('v')} OR conversation_id ${IN('c')})`,
    )
    .all({ ...base, t: json(target.ticketIds), c: json(target.conversationIds) })
    .map((r) => r.id);
  const t = json(ticketIds);
  const conversationIds = db
    .prepare<typeof base & { c: string; t: string }, { id: string }>(
      `SELECT id FROM conversations WHERE site_id = @site AND (id ${IN('c')} OR visitor_id ${IN('v')}
         OR id IN (SELECT conversation_id FROM tickets WHERE id ${IN('t')}))`,
    )
    .all({ ...base, c: json(target.conversationIds), t })
    .map((r) => r.id);
  const c = json(conversationIds);
  // A ticket of a conversation now going must go too (it references it).
  const moreTickets = db
    .prepare<{ c: string; t: string }, { id: string }>(`SELECT id FROM tickets WHERE conversation_id ${IN('c')} AND id NOT ${IN('t')}`)
    .all({ c, t })
    .map((r) => r.id);
  const allTickets = json([...ticketIds, ...moreTickets]);
  const files = { ...base, c, t: allTickets };
  const fileIds = db
    .prepare<typeof files, { file_id: string }>(`SELECT file_id FROM attachments WHERE ${CONTACT_ATTACHMENTS}`)
    .all(files)
    .map((r) => r.file_id);
  // The e-mails named, and every e-mail about a ticket or a chat going now (retention names none:
  // they are copies of the ticket's subject and replies or of the chat's transcript, and would
  // otherwise outlive them forever).
  const emailIds = db
    .prepare<{ site: string; e: string; t: string; c: string }, { id: string }>(
      `SELECT id FROM email_outbox WHERE site_id = @site AND (id ${IN('e')} OR ${VALID_JSON('data_json')} ->> '$.ticketId' ${IN('t')}
         OR ${VALID_JSON('data_json')} ->> '$.conversationId' ${IN('c')})`,
    )
    .all({ site: target.siteId, e: json(target.emailIds), t: allTickets, c })
    .map((r) => r.id);
  const run = (sql: string, params: Record<string, string>) => db.prepare(sql).run(params).changes;
  const counts: ContactCounts = {
    ticketEvents: run(`DELETE FROM ticket_events WHERE ticket_id ${IN('t')}`, { t: allTickets }),
    tickets: run(`DELETE FROM tickets WHERE id ${IN('t')}`, { t: allTickets }),
    attachments: run(`DELETE FROM attachments WHERE ${CONTACT_ATTACHMENTS}`, files),
    messages: run(`DELETE FROM messages WHERE conversation_id ${IN('c')}`, { c }),
    conversations: run(`DELETE FROM conversations WHERE id ${IN('c')}`, { c }),
    kbFeedback: run(`DELETE FROM kb_article_feedback WHERE voter_key ${IN('k')} AND ${SITE_ARTICLES}`, {
      site: target.siteId, k: json(target.visitorIds.map((id) => `visitor:${id}`)),
    }),
    emails: run(`DELETE FROM email_outbox WHERE site_id = @site AND id ${IN('e')}`, { site: target.siteId, e: json(emailIds) }),
    visitors: run(`DELETE FROM visitors WHERE site_id = @site AND id ${IN('v')}`, base),
  };
  dropWebhookDeliveriesNaming(db, target.siteId, [...conversationIds, ...ticketIds, ...moreTickets, ...target.visitorIds]);
  return { counts, fileIds, conversationIds, ticketIds: [...ticketIds, ...moreTickets], emailIds };
}

export function sqlitePrivacy(db: Database.Database): PrivacyStore {
  return {
    async findVisitorsByEmail(siteId, email) {
      return db
        // INDEXED BY: for its ORDER BY SQLite would rather walk every contact of the site (160 ms over 100,000).
        .prepare<[string, string], VisitorRow>(
          'SELECT * FROM visitors INDEXED BY visitors_by_email WHERE site_id = ? AND email IS NOT NULL AND lower(email) = ? ORDER BY created_at',
        )
        .all(siteId, email.toLowerCase())
        .map(toVisitor);
    },

    async collectContactRecords(selector) {
      // One read transaction: a consistent picture even while the contact is still chatting.
      return db.transaction(() => sqliteContactRecords(db, selector))();
    },

    async eraseRecords(target) {
      return db.transaction(() => eraseInTransaction(db, target)).immediate();
    },

    async findExpiredRecords({ siteId, before, limit }) {
      // A chat's ticket lives on after the chat stops changing: the two go only once the ticket too
      // was closed before the cut-off, or a ticket worked on yesterday would vanish with an old chat.
      const conversationIds = db
        .prepare<{ site: string; before: string; limit: number }, { id: string }>(
          `SELECT c.id FROM conversations c WHERE c.site_id = @site AND c.status = 'resolved' AND c.updated_at < @before
             AND NOT EXISTS (SELECT 1 FROM tickets t WHERE (t.conversation_id = c.id OR t.id = c.ticket_id)
               AND (t.status <> 'closed' OR t.closed_at IS NULL OR t.closed_at >= @before OR t.updated_at >= @before))
           ORDER BY c.updated_at LIMIT @limit`,
        )
        .all({ site: siteId, before, limit })
        .map((r) => r.id);
      const ticketIds = db
        .prepare<[string, string, number], { id: string }>(
          `SELECT id FROM tickets WHERE site_id = ? AND status = 'closed' AND closed_at < ? AND conversation_id IS NULL ORDER BY closed_at LIMIT ?`,
        )
        .all(siteId, before, limit)
        .map((r) => r.id);
      return { conversationIds, ticketIds };
    },

    async recordErasure(entry) {
      const row = db
        .prepare<Record<string, string | null>, ErasureRow>(
          `INSERT INTO erasures (id, site_id, at, actor_kind, actor_agent_id, actor_name, counts_json)
           VALUES (@id, @siteId, @at, @kind, @agentId, @actorName, @counts) RETURNING *`,
        )
        .get({
          id: newId(), siteId: entry.siteId, at: entry.at, kind: entry.actor.kind,
          agentId: entry.actor.kind === 'agent' ? entry.actor.agentId : null, actorName: entry.actorName,
          counts: JSON.stringify(entry.counts),
        });
      if (!row) throw new Error('erasure log insert returned no row');
      return toErasure(row);
    },

    async listErasures(siteId, limit) {
      return db
        .prepare<[string, number], ErasureRow>('SELECT * FROM erasures WHERE site_id = ? ORDER BY at DESC, rowid DESC LIMIT ?')
        .all(siteId, limit)
        .map(toErasure);
    },
  };
}
