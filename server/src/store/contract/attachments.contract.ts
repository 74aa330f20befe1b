/** Contract: attachment records, claimed for one message all-or-none, and messages that keep their files. */
import type { MessageAttachment } from '@parley/shared';
import { newId } from '../../tokens';
import { toMessageAttachment, type AttachmentUploader, type NewAttachmentRecord } from '../attachment.store';
import type { ContractContext } from './context';
import { plain, seedConversation } from './seed';

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
      expect(record).toMatchObject({ siteId: site.id, conversationId: null, messageClientId: null, internal: false, name: 'cat.png' });
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
}
