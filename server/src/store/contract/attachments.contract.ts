/** Contract: attachment records, claimed for one message or ticket reply all-or-none, and messages that keep their files. */
import type { MessageAttachment } from '@parley/shared';
import { newId } from '../../tokens';
import { toMessageAttachment, type AttachmentUploader, type NewAttachmentRecord } from '../attachment.store';
import type { ContractContext } from './context';
import { plain, seedAgent, seedConversation, seedTicket } from './seed';

export function attachmentsContract(ctx: ContractContext): void {
  async function setup() {
    const { site, visitor, conversation } = await seedConversation(ctx.store);
    const uploader: AttachmentUploader = { kind: 'visitor', id: visitor.id };
    const upload = (overrides: Partial<NewAttachmentRecord> = {}) =>
      ctx.store.createAttachment({
        siteId: site.id, conversationId: null, uploader, fileId: newId(), name: 'cat.png', size: 68,
        contentType: 'image/png', isImage: true, ...overrides,
      });
    const claim = (ids: string[], clientId: string, who = uploader) =>
      ctx.store.claimAttachments({ ids, siteId: site.id, conversationId: conversation.id, uploader: who, clientId, internal: false });
    return { site, visitor, conversation, uploader, upload, claim };
  }

  describe('attachments', () => {
    it('stores an upload unsent, and finds it by its id', async () => {
      const { site, upload } = await setup();
      const record = await upload();
      expect(record).toMatchObject({
        siteId: site.id, conversationId: null, ticketId: null, messageClientId: null, internal: false, name: 'cat.png',
      });
      expect(await ctx.store.findAttachment(record.id)).toEqual(record);
      expect(await ctx.store.findAttachment('Zq3xMissingId00000000001')).toBeNull();
    });

    it('claims files for one message all or none, again for a resend of it, never for another', async () => {
      const { conversation, upload, claim } = await setup();
      const [a, b] = [await upload(), await upload({ name: 'b.pdf', contentType: 'application/pdf', isImage: false })];
      const claimed = await claim([b.id, a.id], 'message-one');
      expect(claimed?.map((r) => r.id)).toEqual([b.id, a.id]);
      expect(claimed?.every((r) => r.conversationId === conversation.id && r.messageClientId === 'message-one')).toBe(true);
      expect((await claim([a.id, b.id], 'message-one'))?.length).toBe(2);
      expect(await claim([a.id], 'message-two')).toBeNull();

      const c = await upload();
      // One of them taken: none is claimed.
      expect(await claim([c.id, a.id], 'message-three')).toBeNull();
      expect((await ctx.store.findAttachment(c.id))?.messageClientId).toBeNull();
    });

    it("refuses someone else's, another conversation's and unknown ids", async () => {
      const { site, visitor, upload, claim } = await setup();
      const mine = await upload();
      expect(await claim([mine.id], 'message-x', { kind: 'visitor', id: newId() })).toBeNull();
      expect(await claim([mine.id], 'message-x', { kind: 'agent', id: visitor.id })).toBeNull();
      expect(await claim(['Zq3xMissingId00000000001'], 'message-x')).toBeNull();
      const elsewhere = await seedConversation(ctx.store, site);
      const there = await upload({ conversationId: elsewhere.conversation.id });
      expect(await claim([there.id], 'message-x')).toBeNull();
    });

    it('releases a failed send\'s files, and only that message\'s', async () => {
      const { conversation, upload, claim } = await setup();
      const [a, b] = [await upload(), await upload()];
      await claim([a.id], 'message-sent');
      await claim([b.id], 'message-failed');
      await ctx.store.releaseAttachments({ ids: [a.id, b.id], conversationId: conversation.id, clientId: 'message-failed' });
      expect((await ctx.store.findAttachment(a.id))?.messageClientId).toBe('message-sent');
      expect((await ctx.store.findAttachment(b.id))?.messageClientId).toBeNull();
      expect((await claim([b.id], 'message-retry'))?.length).toBe(1);
    });

    it('lists unsent uploads older than a time and deletes them only while unsent', async () => {
      const { upload, claim } = await setup();
      const [unsent, sent] = [await upload(), await upload()];
      await claim([sent.id], 'message-kept');
      const later = new Date(Date.now() + 60_000).toISOString();
      const listed = (await ctx.store.listUnsentAttachments({ before: later, limit: 1000 })).map((r) => r.id);
      expect(listed).toContain(unsent.id);
      expect(listed).not.toContain(sent.id);
      expect(await ctx.store.listUnsentAttachments({ before: new Date(0).toISOString(), limit: 10 })).toEqual([]);
      expect(await ctx.store.deleteUnsentAttachment(sent.id)).toBe(false);
      expect(await ctx.store.deleteUnsentAttachment(unsent.id)).toBe(true);
      expect(await ctx.store.findAttachment(unsent.id)).toBeNull();
    });

    it('keeps a message\'s files with it, through a resend and a reopen; a message without files has none', async () => {
      const { visitor, conversation, upload } = await setup();
      const files: MessageAttachment[] = [toMessageAttachment(await upload()), toMessageAttachment(await upload({ name: 'b.txt', contentType: 'text/plain', isImage: false }))];
      const input = { conversationId: conversation.id, clientId: 'with-files-1', author: { kind: 'visitor', id: visitor.id, name: null }, text: '', attachments: files } as const;
      const { message } = await ctx.store.appendMessage(input);
      expect(plain.message.parse(message)).toEqual(message);
      expect(message.attachments).toEqual(files);
      expect(await ctx.store.appendMessage(input)).toMatchObject({ message, created: false });
      const { message: bare } = await ctx.store.appendMessage({ ...input, clientId: 'no-files-1', text: 'hi', attachments: [] });
      expect(bare).not.toHaveProperty('attachments');

      await ctx.store.close();
      ctx.store = await ctx.location.open();
      expect(await ctx.store.listMessages({ conversationId: conversation.id })).toEqual([message, bare]);
    });
  });

  /** An agent's uploads into a ticket, and claims of them for that ticket's replies and notes. */
  async function ticketSetup() {
    const { site, conversation } = await seedConversation(ctx.store);
    const agent = await seedAgent(ctx.store, site.id);
    const ticket = await seedTicket(ctx.store, site.id);
    const uploader: AttachmentUploader = { kind: 'agent', id: agent.id };
    const upload = (overrides: Partial<NewAttachmentRecord> = {}) =>
      ctx.store.createAttachment({
        siteId: site.id, conversationId: null, ticketId: ticket.id, uploader, fileId: newId(), name: 'invoice.pdf', size: 1200,
        contentType: 'application/pdf', isImage: false, ...overrides,
      });
    const claim = (ids: string[], replyKey: string, options: { who?: AttachmentUploader; ticketId?: string; internal?: boolean } = {}) =>
      ctx.store.claimTicketAttachments({
        ids, siteId: site.id, ticketId: options.ticketId ?? ticket.id, uploader: options.who ?? uploader, replyKey,
        internal: options.internal ?? false,
      });
    const unsent = async (id: string) => (await ctx.store.findAttachment(id))?.messageClientId === null;
    return { site, conversation, agent, ticket, uploader, upload, claim, unsent };
  }

  describe('ticket attachments', () => {
    it('stores an upload into a ticket unsent, with the ticket and no conversation', async () => {
      const { site, ticket, upload } = await ticketSetup();
      const record = await upload();
      expect(record).toMatchObject({ siteId: site.id, conversationId: null, ticketId: ticket.id, messageClientId: null, internal: false });
      expect(await ctx.store.findAttachment(record.id)).toEqual(record);
    });

    it('claims files for one reply of the ticket all or none, in the order asked, again for a retry of it, never for another', async () => {
      const { ticket, upload, claim, unsent } = await ticketSetup();
      const [a, b] = [await upload(), await upload({ name: 'screen.png', contentType: 'image/png', isImage: true })];
      const claimed = await claim([b.id, a.id], 'note-one', { internal: true });
      expect(claimed?.map((r) => r.id)).toEqual([b.id, a.id]);
      expect(claimed?.every((r) => r.ticketId === ticket.id && r.conversationId === null && r.messageClientId === 'note-one' && r.internal)).toBe(true);
      expect(await ctx.store.findAttachment(a.id)).toEqual(claimed?.[1]);
      // A retry of the same note takes them again; another reply gets nothing.
      expect((await claim([a.id, b.id], 'note-one', { internal: true }))?.map((r) => r.id)).toEqual([a.id, b.id]);
      expect(await claim([a.id], 'reply-two')).toBeNull();
      expect((await ctx.store.findAttachment(a.id))?.messageClientId).toBe('note-one');

      const c = await upload();
      // One of them taken by another reply: none is claimed.
      expect(await claim([c.id, a.id], 'reply-three')).toBeNull();
      expect(await unsent(c.id)).toBe(true);
      expect((await claim([c.id], 'reply-three'))?.map((r) => r.messageClientId)).toEqual(['reply-three']);
    });

    it("refuses another agent's, another ticket's and unknown ids, claiming none of the rest", async () => {
      const { site, agent, upload, claim, unsent } = await ticketSetup();
      const mine = await upload();
      const colleague = await seedAgent(ctx.store, site.id);
      expect(await claim([mine.id], 'reply-x', { who: { kind: 'agent', id: colleague.id } })).toBeNull();
      expect(await claim([mine.id], 'reply-x', { who: { kind: 'visitor', id: agent.id } })).toBeNull();
      const otherTicket = await seedTicket(ctx.store, site.id);
      expect(await claim([mine.id], 'reply-x', { ticketId: otherTicket.id })).toBeNull();
      const there = await upload({ ticketId: otherTicket.id });
      expect(await claim([mine.id, there.id], 'reply-x')).toBeNull();
      expect(await claim([mine.id, 'Zq3xMissingId00000000001'], 'reply-x')).toBeNull();
      expect(await unsent(mine.id)).toBe(true);
      expect(await unsent(there.id)).toBe(true);
    });

    it("keeps chats' and tickets' files apart: a message cannot take a ticket's file, nor a ticket reply a chat's", async () => {
      const { site, conversation, uploader, upload, claim, unsent } = await ticketSetup();
      const ticketFile = await upload();
      const chatFile = await upload({ ticketId: null, conversationId: conversation.id });
      const send = (ids: string[]) =>
        ctx.store.claimAttachments({ ids, siteId: site.id, conversationId: conversation.id, uploader, clientId: 'message-one', internal: false });
      expect(await send([ticketFile.id])).toBeNull();
      expect(await ctx.store.findAttachment(ticketFile.id)).toEqual(ticketFile);
      expect(await claim([chatFile.id], 'reply-one')).toBeNull();
      expect(await unsent(chatFile.id)).toBe(true);
      // Each is still free for its own kind of claim.
      expect((await send([chatFile.id]))?.map((r) => r.id)).toEqual([chatFile.id]);
      expect((await claim([ticketFile.id], 'reply-one'))?.map((r) => r.id)).toEqual([ticketFile.id]);
    });

    it("releases a reply's files when it was not recorded, and only that reply's", async () => {
      const { ticket, upload, claim } = await ticketSetup();
      const [a, b] = [await upload(), await upload()];
      await claim([a.id], 'reply-sent');
      await claim([b.id], 'note-failed', { internal: true });
      await ctx.store.releaseTicketAttachments({ ids: [a.id, b.id], ticketId: ticket.id, replyKey: 'note-failed' });
      expect((await ctx.store.findAttachment(a.id))?.messageClientId).toBe('reply-sent');
      expect(await ctx.store.findAttachment(b.id)).toMatchObject({ messageClientId: null, internal: false });
      expect((await claim([b.id], 'reply-retry'))?.length).toBe(1);
      // Another ticket's release of the same key frees nothing here.
      await ctx.store.releaseTicketAttachments({ ids: [b.id], ticketId: newId(), replyKey: 'reply-retry' });
      expect((await ctx.store.findAttachment(b.id))?.messageClientId).toBe('reply-retry');
    });

    it('lists an unsent ticket upload for the purge of abandoned files, and a sent one not', async () => {
      const { upload, claim } = await ticketSetup();
      const [abandoned, sent] = [await upload(), await upload()];
      await claim([sent.id], 'reply-kept');
      const later = new Date(Date.now() + 60_000).toISOString();
      const listed = (await ctx.store.listUnsentAttachments({ before: later, limit: 1000 })).map((r) => r.id);
      expect(listed).toContain(abandoned.id);
      expect(listed).not.toContain(sent.id);
      expect(await ctx.store.deleteUnsentAttachment(sent.id)).toBe(false);
      expect(await ctx.store.deleteUnsentAttachment(abandoned.id)).toBe(true);
    });
  });
}
