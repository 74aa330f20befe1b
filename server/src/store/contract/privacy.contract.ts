/** Contract: a contact's records found by visitor and e-mail, erased completely and idempotently; retention candidates; the erasure log. */
import { emptyContactCounts, type Site } from '@parley/shared';
import { newId } from '../../tokens';
import type { NewTicketRecord } from '../store';
import type { ContractContext } from './context';
import { seedAgent, seedSite, seedVisitor } from './seed';

const at = () => new Date().toISOString();

function ticketFor(site: Site, fields: Partial<NewTicketRecord['ticket']>): NewTicketRecord {
  return {
    ticket: {
      siteId: site.id, conversationId: null, visitorId: null, subject: 'Help', requesterName: null,
      requesterEmail: null, requesterLocale: 'en', status: 'new', priority: 'normal', tier: 1,
      departmentId: null, assigneeAgentId: null, tags: [], source: 'offline_form', tierStartedAt: at(),
      firstResponseDueAt: null, resolutionDueAt: null, firstRespondedAt: null, solvedAt: null, closedAt: null,
      pendingSince: null, ...fields,
    },
    createdEvent: { kind: 'created', authorKind: 'system', authorId: null, authorName: null, text: 'Transcript', changes: [] },
  };
}

export function privacyContract(ctx: ContractContext): void {
  /** A contact with a chat (a message, a file, a ticket from it), a KB vote and an e-mail; and a bystander on the same site. */
  async function seedContact() {
    const store = ctx.store;
    const site = await seedSite(store);
    const agent = await seedAgent(store, site.id);
    const visitor = await seedVisitor(store, site.id);
    await store.identifyVisitor(visitor.id, { name: 'Vera', email: 'vera@example.com' });
    const { conversation } = await store.openConversation({ siteId: site.id, visitorId: visitor.id, visitorName: 'Vera', locale: 'en' });
    const upload = await store.createAttachment({
      siteId: site.id, conversationId: conversation.id, uploader: { kind: 'visitor', id: visitor.id }, fileId: newId(),
      name: 'receipt.pdf', size: 10, contentType: 'application/pdf', isImage: false,
    });
    await store.claimAttachments({ ids: [upload.id], siteId: site.id, conversationId: conversation.id, uploader: { kind: 'visitor', id: visitor.id }, clientId: 'vera-0001', internal: false });
    await store.appendMessage({ conversationId: conversation.id, clientId: 'vera-0001', author: { kind: 'visitor', id: visitor.id, name: 'Vera' }, text: 'My card number is private' });
    await store.appendMessage({ conversationId: conversation.id, clientId: 'note-0001', author: { kind: 'agent', id: agent.id, name: agent.name }, text: 'note about Vera', internal: true });
    const { ticket } = await store.createTicket(ticketFor(site, { conversationId: conversation.id, visitorId: visitor.id, requesterEmail: 'vera@example.com', source: 'chat_timeout' }));
    // An offline request from the same address, by a visitor whose browser we never tied to her.
    const { ticket: offline } = await store.createTicket(ticketFor(site, { requesterEmail: 'vera@example.com' }));
    const article = await store.createArticle({
      siteId: site.id, categoryId: null, language: 'en', translationGroupId: null, slug: `a-${newId().toLowerCase()}`,
      title: 'Refunds', summary: '', bodyMarkdown: 'Body', at: at(),
    });
    await store.recordArticleFeedback({ siteId: site.id, articleId: article.id, voterKey: `visitor:${visitor.id}`, kind: 'vote', value: 'helpful', at: at() });
    await store.enqueueEmail({ siteId: site.id, to: 'vera@example.com', locale: 'en', template: 'ticket_received', data: { ticketNumber: ticket.number } });

    const other = await seedVisitor(store, site.id);
    await store.identifyVisitor(other.id, { email: 'otto@example.com' });
    const { conversation: otherChat } = await store.openConversation({ siteId: site.id, visitorId: other.id, visitorName: null, locale: 'en' });
    await store.appendMessage({ conversationId: otherChat.id, clientId: 'otto-0001', author: { kind: 'visitor', id: other.id, name: null }, text: 'Otto here' });
    await store.enqueueEmail({ siteId: site.id, to: 'otto@example.com', locale: 'en', template: 'ticket_received', data: {} });
    return { site, agent, visitor, conversation, upload, ticket, offline, other, otherChat };
  }

  describe('privacy', () => {
    it('finds a contact by e-mail in any case, and collects everything of theirs and nothing of anyone else', async () => {
      const { site, visitor, conversation, upload, ticket, offline } = await seedContact();
      const found = await ctx.store.findVisitorsByEmail(site.id, 'VERA@Example.com');
      expect(found.map((v) => v.id)).toEqual([visitor.id]);
      const records = await ctx.store.collectContactRecords({ siteId: site.id, visitorIds: [visitor.id], emails: ['vera@example.com'] });
      expect(records.visitors.map((v) => v.id)).toEqual([visitor.id]);
      expect(records.conversations.map((c) => c.id)).toEqual([conversation.id]);
      expect(records.messages.map((m) => m.text)).toEqual(['My card number is private', 'note about Vera']);
      expect(records.attachments.map((a) => a.id)).toEqual([upload.id]);
      expect(records.tickets.map((t) => t.id).sort()).toEqual([ticket.id, offline.id].sort());
      expect(records.ticketEvents).toHaveLength(2);
      expect(records.kbFeedback).toEqual([expect.objectContaining({ kind: 'vote', value: 'helpful' })]);
      expect(records.emails.map((e) => e.to)).toEqual(['vera@example.com']);
    });

    it('erases the contact completely, returns the files to remove, leaves the bystander, and erases nothing the second time', async () => {
      const { site, visitor, conversation, upload, ticket, offline, other, otherChat } = await seedContact();
      const records = await ctx.store.collectContactRecords({ siteId: site.id, visitorIds: [visitor.id], emails: ['vera@example.com'] });
      const target = {
        siteId: site.id, visitorIds: [visitor.id], conversationIds: records.conversations.map((c) => c.id),
        ticketIds: records.tickets.map((t) => t.id), emailIds: records.emails.map((e) => e.id),
      };
      const erased = await ctx.store.eraseRecords(target);
      expect(erased.counts).toEqual({ visitors: 1, conversations: 1, messages: 2, attachments: 1, tickets: 2, ticketEvents: 2, kbFeedback: 1, emails: 1 });
      expect(erased.fileIds).toEqual([upload.fileId]);
      expect(await ctx.store.findVisitorById(visitor.id)).toBeNull();
      expect(await ctx.store.findConversation(conversation.id)).toBeNull();
      expect(await ctx.store.listMessages({ conversationId: conversation.id })).toEqual([]);
      expect(await ctx.store.findAttachment(upload.id)).toBeNull();
      expect(await ctx.store.findTicket(ticket.id)).toBeNull();
      expect(await ctx.store.findTicket(offline.id)).toBeNull();
      expect(await ctx.store.listTicketEvents(ticket.id)).toEqual([]);
      const after = await ctx.store.collectContactRecords({ siteId: site.id, visitorIds: [visitor.id], emails: ['vera@example.com'] });
      expect(Object.values(after).every((list) => list.length === 0)).toBe(true);

      expect(await ctx.store.findVisitorById(other.id)).not.toBeNull();
      expect(await ctx.store.listMessages({ conversationId: otherChat.id })).toHaveLength(1);
      expect((await ctx.store.listOutbox({ siteId: site.id })).map((e) => e.to)).toEqual(['otto@example.com']);

      const again = await ctx.store.eraseRecords(target);
      expect(again.counts).toEqual(emptyContactCounts());
      expect(again.fileIds).toEqual([]);
    });

    it("exports and erases the files agents sent with the contact's tickets, and reports them for removal; other tickets' stay", async () => {
      const { site, agent, visitor, upload, offline } = await seedContact();
      const uploader = { kind: 'agent', id: agent.id } as const;
      const ticketUpload = (ticketId: string) =>
        ctx.store.createAttachment({
          siteId: site.id, conversationId: null, ticketId, uploader, fileId: newId(), name: 'label.pdf', size: 10,
          contentType: 'application/pdf', isImage: false,
        });
      const sent = await ticketUpload(offline.id);
      await ctx.store.claimTicketAttachments({ ids: [sent.id], siteId: site.id, ticketId: offline.id, uploader, replyKey: 'reply-0001', internal: false });
      // Uploaded into her ticket and never sent: hers all the same.
      const abandoned = await ticketUpload(offline.id);
      const { ticket: someoneElses } = await ctx.store.createTicket(ticketFor(site, { requesterEmail: 'otto@example.com' }));
      const kept = await ticketUpload(someoneElses.id);

      const selector = { siteId: site.id, visitorIds: [visitor.id], emails: ['vera@example.com'] };
      const records = await ctx.store.collectContactRecords(selector);
      expect(records.attachments.map((a) => a.id).sort()).toEqual([upload.id, sent.id, abandoned.id].sort());
      expect(records.attachments.find((a) => a.id === sent.id)).toMatchObject({ ticketId: offline.id, messageClientId: 'reply-0001' });

      const erased = await ctx.store.eraseRecords({
        siteId: site.id, visitorIds: [visitor.id], conversationIds: records.conversations.map((c) => c.id),
        ticketIds: records.tickets.map((t) => t.id), emailIds: records.emails.map((e) => e.id),
      });
      expect(erased.counts.attachments).toBe(3);
      expect([...erased.fileIds].sort()).toEqual([upload.fileId, sent.fileId, abandoned.fileId].sort());
      expect(await ctx.store.findAttachment(sent.id)).toBeNull();
      expect(await ctx.store.findAttachment(abandoned.id)).toBeNull();
      expect(await ctx.store.findAttachment(kept.id)).toEqual(kept);
      expect((await ctx.store.eraseRecords({ ...selector, conversationIds: [], ticketIds: [offline.id], emailIds: [] })).fileIds).toEqual([]);
    });

    it('takes the files of a ticket that retention erases with it', async () => {
      const { site, agent, offline } = await seedContact();
      const file = await ctx.store.createAttachment({
        siteId: site.id, conversationId: null, ticketId: offline.id, uploader: { kind: 'agent', id: agent.id }, fileId: newId(),
        name: 'label.pdf', size: 10, contentType: 'application/pdf', isImage: false,
      });
      await ctx.store.updateTicket({ ticketId: offline.id, patch: { status: 'closed', closedAt: at() }, event: null });
      const expired = await ctx.store.findExpiredRecords({ siteId: site.id, before: new Date(Date.now() + 60_000).toISOString(), limit: 50 });
      expect(expired.ticketIds).toEqual([offline.id]);
      const erased = await ctx.store.eraseRecords({ siteId: site.id, visitorIds: [], emailIds: [], ...expired });
      expect(erased.ticketIds).toContain(offline.id);
      expect(erased.fileIds).toEqual([file.fileId]);
      expect(await ctx.store.findAttachment(file.id)).toBeNull();
    });

    it("takes the e-mails about a ticket that retention erases, and leaves other tickets' e-mails", async () => {
      const { site, offline, ticket } = await seedContact();
      const email = (ticketId: string) =>
        ctx.store.enqueueEmail({ siteId: site.id, to: 'vera@example.com', locale: 'en', template: 'ticket_reply', data: { ticketId, replyText: 'We are on it' } });
      const received = await email(offline.id);
      const reply = await email(offline.id);
      const kept = await email(ticket.id);
      await ctx.store.updateTicket({ ticketId: offline.id, patch: { status: 'closed', closedAt: at() }, event: null });
      const expired = await ctx.store.findExpiredRecords({ siteId: site.id, before: new Date(Date.now() + 60_000).toISOString(), limit: 50 });
      const erased = await ctx.store.eraseRecords({ siteId: site.id, visitorIds: [], emailIds: [], ...expired });
      expect(erased.counts.emails).toBe(2);
      expect([...erased.emailIds].sort()).toEqual([received.id, reply.id].sort());
      const left = (await ctx.store.listOutbox({ siteId: site.id })).map((e) => e.id);
      expect(left).not.toContain(received.id);
      expect(left).not.toContain(reply.id);
      expect(left).toContain(kept.id);
    });

    it("takes the transcript e-mail of a chat that goes, though it never became a ticket, and leaves other chats' transcripts", async () => {
      const { site, conversation, otherChat } = await seedContact();
      const transcript = (conversationId: string) =>
        ctx.store.enqueueEmail({ siteId: site.id, to: 'otto@example.com', locale: 'en', template: 'chat_transcript', data: { conversationId, transcript: 'Otto here' } });
      const gone = await transcript(otherChat.id);
      const kept = await transcript(conversation.id);
      const erased = await ctx.store.eraseRecords({ siteId: site.id, visitorIds: [], conversationIds: [otherChat.id], ticketIds: [], emailIds: [] });
      expect(erased.emailIds).toEqual([gone.id]);
      expect(erased.counts.emails).toBe(1);
      const left = (await ctx.store.listOutbox({ siteId: site.id })).map((e) => e.id);
      expect(left).not.toContain(gone.id);
      expect(left).toContain(kept.id);
    });

    it("drops the webhook deliveries that carry the erased contact's chat or ticket, queued or logged, and no one else's", async () => {
      const { site, agent, visitor, conversation, offline, otherChat } = await seedContact();
      await ctx.store.createWebhookEndpoint({
        siteId: site.id, url: 'https://hooks.example.com/parley', description: '', events: ['ticket.created', 'message.created'],
        enabled: true, allowPrivateTargets: false, secret: 'whsec_test', createdByAgentId: agent.id, at: at(),
      });
      // Queued a second apart, so the first is the oldest due.
      const queue = (type: 'ticket.created' | 'message.created', secondsAgo: number, data: unknown) => {
        const id = newId();
        const when = new Date(Date.now() - secondsAgo * 1000).toISOString();
        return ctx.store.enqueueWebhookEvent({ siteId: site.id, type, at: when, event: { id, type, payload: JSON.stringify({ id, type, createdAt: when, data }) } });
      };
      await queue('ticket.created', 3, { ticket: { id: offline.id, requesterEmail: 'vera@example.com', subject: 'Vera private matter' } });
      await queue('message.created', 2, { conversation: { id: conversation.id, visitorId: visitor.id }, message: { text: 'My card number is private' } });
      await queue('message.created', 1, { conversation: { id: otherChat.id }, message: { text: 'Otto here' } });
      // One of Vera's already went out: the log keeps its body too.
      const [sent] = await ctx.store.claimDueWebhookDeliveries({ now: at(), leaseUntil: new Date(Date.now() + 60_000).toISOString(), limit: 1 });
      if (sent) await ctx.store.markWebhookDelivered(sent.id, { at: at(), responseStatus: 200 });

      const records = await ctx.store.collectContactRecords({ siteId: site.id, visitorIds: [visitor.id], emails: ['vera@example.com'] });
      await ctx.store.eraseRecords({
        siteId: site.id, visitorIds: [visitor.id], conversationIds: records.conversations.map((c) => c.id),
        ticketIds: records.tickets.map((t) => t.id), emailIds: records.emails.map((e) => e.id),
      });
      const due = await ctx.store.claimDueWebhookDeliveries({ now: new Date(Date.now() + 60_000).toISOString(), leaseUntil: new Date(Date.now() + 120_000).toISOString(), limit: 10 });
      expect(due.map((d) => d.payload).join('')).not.toMatch(/vera|private/i);
      expect(due.map((d) => JSON.parse(d.payload) as { data: { message: { text: string } } }).map((p) => p.data.message.text)).toEqual(['Otto here']);
      const [endpoint] = await ctx.store.listWebhookEndpoints(site.id);
      const log = await ctx.store.pageWebhookDeliveries({ endpointId: endpoint?.id ?? '', after: null, limit: 10 });
      expect(log.map((d) => d.id)).toEqual(due.map((d) => d.id));
    });

    it("does not let one site's erasure reach another site's records", async () => {
      const { visitor, conversation } = await seedContact();
      const otherSite = await seedSite(ctx.store);
      const erased = await ctx.store.eraseRecords({ siteId: otherSite.id, visitorIds: [visitor.id], conversationIds: [conversation.id], ticketIds: [], emailIds: [] });
      expect(erased.counts).toEqual(emptyContactCounts());
      expect(await ctx.store.findConversation(conversation.id)).not.toBeNull();
    });

    it('offers for retention only resolved conversations untouched since the cut-off whose ticket is closed or absent, and closed tickets without a chat', async () => {
      const { site, conversation, ticket, offline, otherChat } = await seedContact();
      await ctx.store.resolveConversation(otherChat.id);
      const future = new Date(Date.now() + 60_000).toISOString();
      // Vera's chat is resolved by its ticket, which is still new; Otto's is resolved and has none.
      let expired = await ctx.store.findExpiredRecords({ siteId: site.id, before: future, limit: 50 });
      expect(expired.conversationIds).toEqual([otherChat.id]);
      expect(expired.ticketIds).toEqual([]);
      await ctx.store.updateTicket({ ticketId: ticket.id, patch: { status: 'closed', closedAt: at() }, event: null });
      await ctx.store.updateTicket({ ticketId: offline.id, patch: { status: 'closed', closedAt: at() }, event: null });
      expired = await ctx.store.findExpiredRecords({ siteId: site.id, before: future, limit: 50 });
      expect(expired.conversationIds.sort()).toEqual([conversation.id, otherChat.id].sort());
      expect(expired.ticketIds).toEqual([offline.id]);
      const past = new Date(Date.now() - 60_000).toISOString();
      expect(await ctx.store.findExpiredRecords({ siteId: site.id, before: past, limit: 50 })).toEqual({ conversationIds: [], ticketIds: [] });
    });

    it('keeps an old chat for retention while its ticket was closed after the cut-off', async () => {
      const { site, conversation, ticket } = await seedContact();
      const cutoff = new Date(Date.now() + 60_000).toISOString();
      // The chat stopped changing before the cut-off; its ticket was worked on and closed after it.
      await ctx.store.updateTicket({ ticketId: ticket.id, patch: { status: 'closed', closedAt: new Date(Date.now() + 120_000).toISOString() }, event: null });
      expect((await ctx.store.findExpiredRecords({ siteId: site.id, before: cutoff, limit: 50 })).conversationIds).not.toContain(conversation.id);
      const later = new Date(Date.now() + 180_000).toISOString();
      expect((await ctx.store.findExpiredRecords({ siteId: site.id, before: later, limit: 50 })).conversationIds).toContain(conversation.id);
    });

    it('logs erasures with who and how many, newest first, per site', async () => {
      const site = await seedSite(ctx.store);
      const counts = { ...emptyContactCounts(), conversations: 2, messages: 7 };
      await ctx.store.recordErasure({ siteId: site.id, at: '2026-01-01T10:00:00.000Z', actor: { kind: 'retention' }, actorName: null, counts });
      await ctx.store.recordErasure({ siteId: site.id, at: '2026-01-02T10:00:00.000Z', actor: { kind: 'agent', agentId: 'agent-0001' }, actorName: 'Ann', counts });
      const log = await ctx.store.listErasures(site.id, 10);
      expect(log.map((e) => e.actor)).toEqual([{ kind: 'agent', agentId: 'agent-0001' }, { kind: 'retention' }]);
      expect(log[0]).toMatchObject({ siteId: site.id, at: '2026-01-02T10:00:00.000Z', actorName: 'Ann', counts });
      expect(await ctx.store.listErasures((await seedSite(ctx.store)).id, 10)).toEqual([]);
    });
  });
}
