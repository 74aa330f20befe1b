/** Contract: messages numbered once per clientId, internal notes, and what survives a restart or a second process. */
import { MESSAGE_PREVIEW_MAX_LENGTH, type MessageAuthor } from '@parley/shared';
import { newId } from '../../tokens';
import { StoreConflictError } from '../store';
import type { ContractContext } from './context';
import { plain, seedAgent, seedAgents, seedConversation, seedSite, seedVisitor, untilClockTicks } from './seed';

export function messagesContract(ctx: ContractContext): void {
  describe('messages', () => {
    it('numbers messages 1..N in order and keeps each author', async () => {
      const { site, visitor, conversation } = await seedConversation(ctx.store);
      const agent = await seedAgent(ctx.store, site.id);
      const authors: MessageAuthor[] = [
        { kind: 'visitor', id: visitor.id, name: null },
        { kind: 'agent', id: agent.id, name: 'Ann Agent' },
        { kind: 'system' },
        { kind: 'visitor', id: visitor.id, name: 'Vera' },
      ];
      const stored = [];
      for (const [index, author] of authors.entries()) {
        const { message, created } = await ctx.store.appendMessage({
          conversationId: conversation.id, clientId: `client-${index}-${newId()}`, author, text: `line ${index}`,
        });
        expect(created).toBe(true);
        expect(plain.message.parse(message)).toEqual(message);
        stored.push(message);
      }
      expect(stored.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
      expect(stored.map((m) => m.author)).toEqual(authors);
      expect(stored.every((m) => m.internal === false)).toBe(true);
      expect(await ctx.store.listMessages({ conversationId: conversation.id })).toEqual(stored);
      expect((await ctx.store.findConversation(conversation.id))?.lastSeq).toBe(4);
    });

    it('stores a retried clientId once and answers the retry with the stored message', async () => {
      const { visitor, conversation } = await seedConversation(ctx.store);
      const input = {
        conversationId: conversation.id, clientId: 'retry-me-123', author: { kind: 'visitor', id: visitor.id, name: null },
        text: 'hello',
      } as const;
      const first = await ctx.store.appendMessage(input);
      const retry = await ctx.store.appendMessage({ ...input, text: 'hello (resent)' });
      expect(first.created).toBe(true);
      expect(retry).toEqual({ message: first.message, created: false, conversation: first.conversation });
      expect(await ctx.store.listMessages({ conversationId: conversation.id })).toEqual([first.message]);
      expect(await ctx.store.findMessageByClientId(conversation.id, 'retry-me-123')).toEqual(first.message);
      expect(await ctx.store.findMessageByClientId(conversation.id, 'never-sent-1')).toBeNull();
      expect((await ctx.store.findConversation(conversation.id))?.lastSeq).toBe(1);
    });

    it('keeps the same clientId apart in different conversations', async () => {
      const a = await seedConversation(ctx.store);
      const b = await seedConversation(ctx.store, a.site);
      const send = (conversationId: string) =>
        ctx.store.appendMessage({ conversationId, clientId: 'same-client-id', author: { kind: 'system' }, text: 'hi' });
      expect((await send(a.conversation.id)).created).toBe(true);
      expect((await send(b.conversation.id)).created).toBe(true);
    });

    it('gives 50 concurrent messages the seqs 1..50 with no gap and no duplicate', async () => {
      const { visitor, conversation } = await seedConversation(ctx.store);
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, index) =>
          ctx.store.appendMessage({
            conversationId: conversation.id, clientId: `burst-${index}-${newId()}`,
            author: { kind: 'visitor', id: visitor.id, name: null }, text: `message ${index}`,
          }),
        ),
      );
      expect(results.every((r) => r.created)).toBe(true);
      const seqs = results.map((r) => r.message.seq).sort((x, y) => x - y);
      expect(seqs).toEqual(Array.from({ length: 50 }, (_, index) => index + 1));
      expect((await ctx.store.listMessages({ conversationId: conversation.id })).map((m) => m.seq)).toEqual(seqs);
      expect((await ctx.store.findConversation(conversation.id))?.lastSeq).toBe(50);
    });

    it('stores one message when the same clientId is sent 10 times at once', async () => {
      const { conversation } = await seedConversation(ctx.store);
      const input = { conversationId: conversation.id, clientId: 'double-click', author: { kind: 'system' }, text: 'x' } as const;
      const results = await Promise.all(Array.from({ length: 10 }, () => ctx.store.appendMessage(input)));
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(results.map((r) => r.message.id)).size).toBe(1);
      expect(await ctx.store.listMessages({ conversationId: conversation.id })).toHaveLength(1);
      const next = await ctx.store.appendMessage({ ...input, clientId: 'after-the-burst' });
      expect(next.message.seq).toBeGreaterThan(results[0]?.message.seq ?? Infinity);
    });

    it('lists messages after a seq, in order, up to the limit', async () => {
      const { conversation } = await seedConversation(ctx.store);
      for (let index = 0; index < 6; index += 1) {
        await ctx.store.appendMessage({ conversationId: conversation.id, clientId: `page-${index}-xyz`, author: { kind: 'system' }, text: 't' });
      }
      const seqs = async (query: { afterSeq?: number; limit?: number }) =>
        (await ctx.store.listMessages({ conversationId: conversation.id, ...query })).map((m) => m.seq);
      expect(await seqs({ afterSeq: 3 })).toEqual([4, 5, 6]);
      expect(await seqs({ afterSeq: 6 })).toEqual([]);
      expect(await seqs({ afterSeq: 1, limit: 2 })).toEqual([2, 3]);
      expect(await ctx.store.listMessages({ conversationId: newId() })).toEqual([]);
    });

    it('keeps the time of the latest message, which assigning, requeueing, transferring or inviting does not move', async () => {
      const { site, visitor, conversation } = await seedConversation(ctx.store);
      const [ann, bob] = await seedAgents(ctx.store, site.id, 2);
      if (!ann || !bob) throw new Error('two agents expected');
      expect(conversation.lastMessageAt).toBeNull();
      const asked = await ctx.store.appendToOpenConversation({
        siteId: site.id, visitorId: visitor.id, clientId: 'visitor-asks-1', author: { kind: 'visitor', id: visitor.id, name: null }, text: 'Hi',
      });
      expect(asked?.conversation.lastMessageAt).toBe(asked?.message.createdAt);
      await untilClockTicks();
      await ctx.store.claimConversation({ conversationId: conversation.id, agentId: ann.id });
      const answered = await ctx.store.appendMessage({
        conversationId: conversation.id, clientId: 'ann-answers-1', author: { kind: 'agent', id: ann.id, name: 'Ann' }, text: 'Hello',
      });
      const lastMessageAt = answered.message.createdAt;
      expect(answered.conversation.lastMessageAt).toBe(lastMessageAt);

      // What an agent going offline and coming back does, then the other moves a chat makes.
      await untilClockTicks();
      const moves = [
        await ctx.store.requeueConversation({ conversationId: conversation.id, fromAgentId: ann.id, declined: false }),
        await ctx.store.assignConversation({ conversationId: conversation.id, agentId: ann.id, maxChats: 5 }),
        await ctx.store.transferConversation({ conversationId: conversation.id, fromAgentId: ann.id, toAgentId: bob.id, maxChats: 5 }),
        await ctx.store.addParticipant({ conversationId: conversation.id, agentId: ann.id }),
        await ctx.store.resolveConversation(conversation.id),
      ];
      for (const moved of moves) {
        expect(moved?.lastMessageAt).toBe(lastMessageAt);
        expect((moved?.updatedAt ?? '') > lastMessageAt).toBe(true);
      }
      expect((await ctx.store.findConversation(conversation.id))?.lastMessageAt).toBe(lastMessageAt);
    });

    it('previews the latest message on one line, cut on a code point, a note marked, files by name', async () => {
      const { site, visitor, conversation } = await seedConversation(ctx.store);
      const agent = await seedAgent(ctx.store, site.id);
      expect(conversation.lastMessagePreview).toBeNull();
      const asked = await ctx.store.appendToOpenConversation({
        siteId: site.id, visitorId: visitor.id, clientId: 'visitor-asks-2', author: { kind: 'visitor', id: visitor.id, name: null },
        text: `  Where is\n\nmy ${'é'.repeat(119)} parcel 😀😀 and then some more words`,
      });
      // 139 code points, then an emoji (two UTF-16 units) as the 140th: kept whole, then the ellipsis.
      const cut = `Where is my ${'é'.repeat(119)} parcel 😀`;
      expect(Array.from(cut)).toHaveLength(MESSAGE_PREVIEW_MAX_LENGTH);
      expect(asked?.conversation.lastMessagePreview).toEqual({ text: `${cut}…`, authorKind: 'visitor', authorId: visitor.id, internal: false });

      const noted = await ctx.store.appendMessage({
        conversationId: conversation.id, clientId: 'ann-notes-1', author: { kind: 'agent', id: agent.id, name: 'Ann' },
        text: 'VIP, refund them', internal: true,
      });
      const note = { text: 'VIP, refund them', authorKind: 'agent', authorId: agent.id, internal: true };
      expect(noted.conversation.lastMessagePreview).toEqual(note);
      expect((await ctx.store.findConversation(conversation.id))?.lastMessagePreview).toEqual(note);
      // A resend changes nothing; the list of chats carries the preview too.
      await ctx.store.appendMessage({
        conversationId: conversation.id, clientId: 'visitor-asks-2', author: { kind: 'visitor', id: visitor.id, name: null }, text: 'x',
      });
      const listed = await ctx.store.listConversations({ siteId: site.id });
      expect(listed.find((c) => c.id === conversation.id)?.lastMessagePreview).toEqual(note);

      const file = { id: newId(), name: 'label.png', size: 10, contentType: 'image/png', isImage: true } as const;
      const sent = await ctx.store.appendMessage({
        conversationId: conversation.id, clientId: 'ann-sends-file-1', author: { kind: 'agent', id: agent.id, name: 'Ann' },
        text: '', attachments: [file, { ...file, id: newId(), name: 'invoice.pdf', contentType: 'application/pdf', isImage: false }],
      });
      expect(sent.conversation.lastMessagePreview).toEqual({ text: 'label.png, invoice.pdf', authorKind: 'agent', authorId: agent.id, internal: false });
    });

    it("keeps a system line's event, numbered like any message, without moving the chat's preview or latest message time", async () => {
      const { site, visitor, conversation } = await seedConversation(ctx.store);
      const asked = await ctx.store.appendToOpenConversation({
        siteId: site.id, visitorId: visitor.id, clientId: 'visitor-asks-3', author: { kind: 'visitor', id: visitor.id, name: 'Vera' }, text: 'Hi',
      });
      await untilClockTicks();
      const events = [
        { type: 'transferred', from: 'Ann', to: 'Bob' },
        { type: 'requeued', from: 'Bob', department: 'Billing' },
        { type: 'invited', by: 'Ann', agent: 'Carla «Support»' },
      ] as const;
      const lines = [];
      for (const [index, event] of events.entries()) {
        const line = await ctx.store.appendMessage({
          conversationId: conversation.id, clientId: `system-line-${index}`, author: { kind: 'system' }, text: `event ${index}`, event,
        });
        expect(line.message).toMatchObject({ seq: index + 2, author: { kind: 'system' }, event, internal: false });
        expect(plain.message.parse(line.message)).toEqual(line.message);
        expect(line.conversation.lastMessagePreview).toEqual(asked?.conversation.lastMessagePreview);
        expect(line.conversation.lastMessageAt).toBe(asked?.message.createdAt);
        expect(line.conversation.lastSeq).toBe(index + 2);
        lines.push(line.message);
      }
      const listed = await ctx.store.listMessages({ conversationId: conversation.id, includeInternal: false });
      expect(listed.slice(1)).toEqual(lines);
      expect(listed[0]).not.toHaveProperty('event');
      const stored = await ctx.store.findConversation(conversation.id);
      expect(stored?.lastMessagePreview).toEqual({ text: 'Hi', authorKind: 'visitor', authorId: visitor.id, internal: false });
    });

    it("keeps agents' internal notes out of the visitor's view", async () => {
      const { site, visitor, conversation } = await seedConversation(ctx.store);
      const agent = await seedAgent(ctx.store, site.id);
      const send = (clientId: string, author: MessageAuthor, internal?: boolean) =>
        ctx.store.appendMessage({ conversationId: conversation.id, clientId, author, text: clientId, ...(internal === undefined ? {} : { internal }) });
      await send('visitor-says-1', { kind: 'visitor', id: visitor.id, name: null });
      const note = await send('agent-note-01', { kind: 'agent', id: agent.id, name: 'Ann' }, true);
      await send('agent-reply-1', { kind: 'agent', id: agent.id, name: 'Ann' }, false);
      expect(note.message.internal).toBe(true);
      const all = await ctx.store.listMessages({ conversationId: conversation.id });
      expect(all.map((m) => [m.seq, m.internal])).toEqual([[1, false], [2, true], [3, false]]);
      const visible = await ctx.store.listMessages({ conversationId: conversation.id, includeInternal: false });
      expect(visible.map((m) => m.clientId)).toEqual(['visitor-says-1', 'agent-reply-1']);
    });

    it('refuses only the bad one of messages sent at the same moment to several conversations', async () => {
      const a = await seedConversation(ctx.store);
      const b = await seedConversation(ctx.store, a.site);
      const send = (conversationId: string, clientId: string) =>
        ctx.store.appendMessage({ conversationId, clientId, author: { kind: 'system' }, text: clientId });
      const results = await Promise.allSettled([
        send(a.conversation.id, 'a-first-1'),
        send(newId(), 'nowhere-456'),
        send(b.conversation.id, 'b-first-1'),
        send(a.conversation.id, 'a-second-1'),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
      expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(StoreConflictError);
      const seqsOf = async (conversationId: string) =>
        (await ctx.store.listMessages({ conversationId })).map((m) => [m.seq, m.clientId]);
      expect(await seqsOf(a.conversation.id)).toEqual([[1, 'a-first-1'], [2, 'a-second-1']]);
      expect(await seqsOf(b.conversation.id)).toEqual([[1, 'b-first-1']]);
    });

    it('answers with the conversation as the append left it: its new lastSeq, and the first response once an agent answers', async () => {
      const { site, visitor, conversation } = await seedConversation(ctx.store);
      const agent = await seedAgent(ctx.store, site.id);
      const claimed = await ctx.store.claimConversation({ conversationId: conversation.id, agentId: agent.id });
      const asked = await ctx.store.appendMessage({
        conversationId: conversation.id, clientId: 'asked-0001', author: { kind: 'visitor', id: visitor.id, name: null }, text: 'hi?',
      });
      expect(asked.conversation).toEqual({
        ...claimed, lastSeq: 1, updatedAt: asked.message.createdAt, lastMessageAt: asked.message.createdAt,
        lastMessagePreview: { text: 'hi?', authorKind: 'visitor', authorId: visitor.id, internal: false },
      });
      expect(asked.conversation.firstResponseAt ?? null).toBeNull();
      const answered = await ctx.store.appendMessage({
        conversationId: conversation.id, clientId: 'answer-0001', author: { kind: 'agent', id: agent.id, name: 'Ann' }, text: 'hello',
      });
      expect(answered.conversation).toMatchObject({ id: conversation.id, status: 'assigned', assignedAgentId: agent.id, lastSeq: 2 });
      expect(answered.conversation.firstResponseAt).toEqual(expect.any(String));
      expect(answered.conversation).toEqual(await ctx.store.findConversation(conversation.id));
    });

    it('appends a visitor\'s message to their open conversation in one step, and stores nothing when none is open', async () => {
      const { site, visitor, conversation } = await seedConversation(ctx.store);
      const author = { kind: 'visitor', id: visitor.id, name: null } as const;
      const input = { siteId: site.id, visitorId: visitor.id, clientId: 'open-chat-01', author, text: 'still there?' };
      const first = await ctx.store.appendToOpenConversation(input);
      expect(first).toMatchObject({ created: true, message: { conversationId: conversation.id, seq: 1, text: 'still there?' }, conversation: { id: conversation.id, lastSeq: 1 } });
      expect(await ctx.store.appendToOpenConversation({ ...input, text: 'resent' })).toEqual({ ...first, created: false });

      const stranger = await seedVisitor(ctx.store, site.id);
      expect(await ctx.store.appendToOpenConversation({ ...input, visitorId: stranger.id, clientId: 'no-chat-001' })).toBeNull();
      await ctx.store.resolveConversation(conversation.id);
      expect(await ctx.store.appendToOpenConversation({ ...input, clientId: 'after-close-1' })).toBeNull();
      expect((await ctx.store.listMessages({ conversationId: conversation.id })).map((m) => m.clientId)).toEqual(['open-chat-01']);
    });

    it('tells the caller once that a message is stored, before answering, with what it answers', async () => {
      const { site, visitor, conversation } = await seedConversation(ctx.store);
      const author = { kind: 'visitor', id: visitor.id, name: null } as const;
      const heard: string[] = [];
      const told: { created: boolean; seq: number }[] = [];
      const listen = (appended: { created: boolean; message: { seq: number } }) => {
        heard.push('told');
        told.push({ created: appended.created, seq: appended.message.seq });
      };
      const input = { siteId: site.id, visitorId: visitor.id, clientId: 'told-once-01', author, text: 'first words' };
      const first = await ctx.store.appendToOpenConversation(input, listen);
      heard.push('answered');
      const resent = await ctx.store.appendMessage({ ...input, conversationId: conversation.id, text: 'again' }, listen);
      heard.push('answered');
      expect(heard).toEqual(['told', 'answered', 'told', 'answered']);
      expect(told).toEqual([{ created: true, seq: 1 }, { created: false, seq: 1 }]);
      // Once answered, every reader sees it.
      expect((await ctx.store.listMessages({ conversationId: conversation.id })).map((m) => m.text)).toEqual(['first words']);
      expect(first?.message).toEqual(resent.message);

      const stranger = await seedVisitor(ctx.store, site.id);
      await ctx.store.appendToOpenConversation({ ...input, visitorId: stranger.id, clientId: 'no-chat-002' }, listen);
      expect(told).toHaveLength(2);
    });

    it('fails an append whose listener throws, and keeps the message for the resend', async () => {
      const { conversation } = await seedConversation(ctx.store);
      const input = { conversationId: conversation.id, clientId: 'listener-fails-1', author: { kind: 'system' } as const, text: 'kept' };
      await expect(
        ctx.store.appendMessage(input, () => {
          throw new Error('the listener broke');
        }),
      ).rejects.toThrow('the listener broke');
      expect(await ctx.store.appendMessage(input)).toMatchObject({ created: false, message: { seq: 1, text: 'kept' } });
    });

    it('refuses a message for a conversation that does not exist', async () => {
      await expect(
        ctx.store.appendMessage({ conversationId: newId(), clientId: 'nowhere-123', author: { kind: 'system' }, text: 'x' }),
      ).rejects.toBeInstanceOf(StoreConflictError);
    });
  });

  describe('durability and several processes', () => {
    it('keeps everything across closing and reopening', async () => {
      const { site, visitor, conversation } = await seedConversation(ctx.store);
      const agent = await seedAgent(ctx.store, site.id);
      const claimed = await ctx.store.claimConversation({ conversationId: conversation.id, agentId: agent.id });
      const { message } = await ctx.store.appendMessage({
        conversationId: conversation.id, clientId: 'before-restart', author: { kind: 'system' }, text: 'kept',
      });
      await ctx.store.close();
      ctx.store = await ctx.location.open();

      expect(await ctx.store.findSiteById(site.id)).toEqual(site);
      expect(await ctx.store.findAgentById(agent.id)).toEqual(agent);
      expect(await ctx.store.findOpenConversation(site.id, visitor.id)).toEqual({
        ...claimed, lastSeq: 1, updatedAt: message.createdAt, lastMessageAt: message.createdAt,
        lastMessagePreview: { text: 'kept', authorKind: 'system', authorId: null, internal: false },
      });
      expect(await ctx.store.listMessages({ conversationId: conversation.id })).toEqual([message]);
      const after = await ctx.store.appendMessage({
        conversationId: conversation.id, clientId: 'after-restart', author: { kind: 'system' }, text: 'next',
      });
      expect(after.message.seq).toBe(2);
    });

    it('holds the one-open, claim and capacity rules across two stores on the same storage', async () => {
      const other = await ctx.location.open();
      try {
        const both = [ctx.store, other];
        const site = await seedSite(ctx.store);
        const visitor = await seedVisitor(ctx.store, site.id);
        const agents = await seedAgents(ctx.store, site.id, 2);
        const input = { siteId: site.id, visitorId: visitor.id, visitorName: null, locale: null };
        const opened = await Promise.all([...both, ...both].map((s) => s.openConversation(input)));
        expect(opened.filter((r) => r.created)).toHaveLength(1);
        const conversationId = opened[0]?.conversation.id ?? '';
        const claims = await Promise.all(
          both.map((s, index) => s.claimConversation({ conversationId, agentId: agents[index]?.id ?? '' })),
        );
        expect(claims.filter((c) => c !== null)).toHaveLength(1);
        expect(await other.findConversation(conversationId)).toEqual(claims.find((c) => c !== null));

        const winner = claims.find((c) => c !== null)?.assignedAgentId ?? '';
        const more = await Promise.all([1, 2, 3, 4].map(async () => (await seedConversation(ctx.store, site)).conversation));
        const assigned = await Promise.all(
          more.map((c, index) => both[index % 2]?.assignConversation({ conversationId: c.id, agentId: winner, maxChats: 3 })),
        );
        expect(assigned.filter((c) => c !== null)).toHaveLength(2);
      } finally {
        await other.close();
      }
    });
  });
}
