/** Contract: the agent workspace — visitors and what they tell us, canned replies, reopening, helping agents. */
import { VisitorProfileSchema } from '@parley/shared';
import { z } from 'zod';
import { newId } from '../../tokens';
import { StoreConflictError } from '../store';
import type { ContractContext } from './context';
import { isIsoDate, seedAgent, seedConversation, seedSite, seedVisitor, untilClockTicks } from './seed';

const plainVisitor = z.strictObject(VisitorProfileSchema.shape);

export function workspaceContract(ctx: ContractContext): void {
  describe('visitors', () => {
    it('finds a visitor by token hash only within its own site, and by id', async () => {
      const [siteA, siteB] = [await seedSite(ctx.store), await seedSite(ctx.store)];
      const visitor = await ctx.store.createVisitor({ siteId: siteA.id, tokenHash: 'visitor-token-hash', locale: 'ru' });
      expect(plainVisitor.parse(visitor)).toEqual(visitor);
      expect(visitor).toEqual({
        id: expect.any(String), siteId: siteA.id, name: null, email: null, locale: 'ru', pageUrl: null, pageTitle: null,
        referrer: null, userAgent: null, pagesVisited: [], createdAt: expect.any(String), visitStartedAt: null,
        verified: false, userId: null,
      });
      expect(isIsoDate(visitor.createdAt)).toBe(true);
      expect(await ctx.store.findVisitorByTokenHash(siteA.id, 'visitor-token-hash')).toEqual(visitor);
      expect(await ctx.store.findVisitorByTokenHash(siteB.id, 'visitor-token-hash')).toBeNull();
      expect(await ctx.store.findVisitorByTokenHash(siteA.id, 'another-hash')).toBeNull();
      expect(await ctx.store.findVisitorById(visitor.id)).toEqual(visitor);
      expect(await ctx.store.findVisitorById(newId())).toBeNull();
    });

    it('records each visit, the page the visitor is on, and the first referrer only', async () => {
      const visitor = await seedVisitor(ctx.store, (await seedSite(ctx.store)).id);
      const at = new Date().toISOString();
      expect(await ctx.store.startVisit(visitor.id, { userAgent: 'Firefox/140', at })).toMatchObject({
        userAgent: 'Firefox/140', visitStartedAt: at,
      });
      const context = (pageUrl: string, referrer: string) =>
        ctx.store.updateVisitorContext(visitor.id, { pageUrl, pageTitle: `Title of ${pageUrl}`, referrer });
      expect(await context('https://shop.example/', '')).toMatchObject({ pageUrl: 'https://shop.example/', referrer: null });
      expect(await context('https://shop.example/a', 'https://search.example/?q=shoes')).toMatchObject({
        pageUrl: 'https://shop.example/a', pageTitle: 'Title of https://shop.example/a', referrer: 'https://search.example/?q=shoes',
      });
      expect(await context('https://shop.example/b', 'https://shop.example/a')).toMatchObject({
        pageUrl: 'https://shop.example/b', referrer: 'https://search.example/?q=shoes',
      });
      expect(await ctx.store.findVisitorById(visitor.id)).toMatchObject({ userAgent: 'Firefox/140', pageUrl: 'https://shop.example/b' });
      // The panel's language of the latest visit; a visit that names none keeps it.
      expect(await ctx.store.startVisit(visitor.id, { userAgent: 'Firefox/140', at, locale: 'de' })).toMatchObject({ locale: 'de' });
      expect(await ctx.store.startVisit(visitor.id, { userAgent: 'Firefox/141', at, locale: null })).toMatchObject({ locale: 'de', userAgent: 'Firefox/141' });
      expect(await ctx.store.startVisit(newId(), { userAgent: null, at })).toBeNull();
      expect(await ctx.store.updateVisitorContext(newId(), { pageUrl: 'https://x.example/', pageTitle: '', referrer: '' })).toBeNull();
    });

    it('keeps the last ten pages a visitor went to, oldest first, the same address twice in a row once', async () => {
      const visitor = await seedVisitor(ctx.store, (await seedSite(ctx.store)).id);
      const go = (path: string, title = `Title of ${path}`) =>
        ctx.store.updateVisitorContext(visitor.id, { pageUrl: `https://shop.example${path}`, pageTitle: title, referrer: '' });
      await go('/');
      await go('/teas');
      // A hash change or replaceState to the same address, the title set later: still one visit.
      const again = await go('/teas', 'Teas | Shop');
      expect(again).toMatchObject({ pageUrl: 'https://shop.example/teas', pageTitle: 'Teas | Shop' });
      expect(again?.pagesVisited?.map((page) => page.url)).toEqual(['https://shop.example/', 'https://shop.example/teas']);
      expect(again?.pagesVisited?.every((page) => isIsoDate(page.at))).toBe(true);
      for (let i = 1; i <= 10; i += 1) await go(`/tea/${i}`);
      await go('/');
      const after = await ctx.store.findVisitorById(visitor.id);
      expect(after?.pagesVisited?.map((page) => page.url.replace('https://shop.example', ''))).toEqual([
        '/tea/2', '/tea/3', '/tea/4', '/tea/5', '/tea/6', '/tea/7', '/tea/8', '/tea/9', '/tea/10', '/',
      ]);
      expect(after?.pagesVisited?.at(-1)).toMatchObject({ title: 'Title of /' });
    });

    it('takes the name and e-mail a visitor gives, and open conversations show the name', async () => {
      const { site, visitor, conversation } = await seedConversation(ctx.store);
      await ctx.store.resolveConversation(conversation.id);
      const { conversation: current } = await ctx.store.openConversation({
        siteId: site.id, visitorId: visitor.id, visitorName: null, locale: null,
      });
      expect(await ctx.store.identifyVisitor(visitor.id, { email: 'vera@example.com' })).toMatchObject({ name: null, email: 'vera@example.com' });
      expect(await ctx.store.identifyVisitor(visitor.id, { name: 'Vera K.' })).toMatchObject({ name: 'Vera K.', email: 'vera@example.com' });
      expect((await ctx.store.findConversation(current.id))?.visitorName).toBe('Vera K.');
      expect((await ctx.store.findConversation(conversation.id))?.visitorName).toBe('Vera');
      expect(await ctx.store.identifyVisitor(newId(), { name: 'Nobody' })).toBeNull();
    });

    it("lists a visitor's conversations on one site, newest first", async () => {
      const { site, visitor, conversation } = await seedConversation(ctx.store);
      await ctx.store.resolveConversation(conversation.id);
      await untilClockTicks();
      const { conversation: second } = await ctx.store.openConversation({
        siteId: site.id, visitorId: visitor.id, visitorName: null, locale: null,
      });
      await seedConversation(ctx.store, site); // another visitor's
      expect((await ctx.store.listVisitorConversations(site.id, visitor.id)).map((c) => c.id)).toEqual([second.id, conversation.id]);
      expect(await ctx.store.listVisitorConversations((await seedSite(ctx.store)).id, visitor.id)).toEqual([]);
    });
  });

  describe('canned replies', () => {
    it('keeps a shortcut unique within its scope: the site, a department, or one agent', async () => {
      const site = await seedSite(ctx.store);
      const [ann, bob] = [await seedAgent(ctx.store, site.id), await seedAgent(ctx.store, site.id)];
      const sales = await ctx.store.createDepartment({ siteId: site.id, name: 'Sales' });
      const save = (ownerAgentId: string | null, departmentId: string | null, text = 'Hello!') =>
        ctx.store.saveCannedReply({ siteId: site.id, shortcut: 'hi', text, departmentId, ownerAgentId });
      const shared = await save(null, null);
      expect(shared).toEqual({ id: expect.any(String), siteId: site.id, shortcut: 'hi', text: 'Hello!', departmentId: null, ownerAgentId: null });
      const salesHi = await save(null, sales.id);
      const annHi = await save(ann.id, null);
      await save(bob.id, null);
      await expect(save(null, null, 'again')).rejects.toBeInstanceOf(StoreConflictError);
      await expect(save(ann.id, null, 'again')).rejects.toBeInstanceOf(StoreConflictError);

      const seenBy = async (agentId: string, departmentIds: string[]) =>
        (await ctx.store.listCannedReplies({ siteId: site.id, agentId, departmentIds })).map((r) => r.id).sort();
      expect(await seenBy(ann.id, [sales.id])).toEqual([shared.id, salesHi.id, annHi.id].sort());
      expect(await seenBy(ann.id, [])).toEqual([shared.id, annHi.id].sort());
      expect(await ctx.store.findCannedReply(annHi.id)).toEqual(annHi);
      expect(await ctx.store.findCannedReply(newId())).toBeNull();
    });

    it("lists every department's replies for someone who takes them all, but no one else's personal ones", async () => {
      const site = await seedSite(ctx.store);
      const [ann, bob] = [await seedAgent(ctx.store, site.id), await seedAgent(ctx.store, site.id)];
      const [sales, billing] = [
        await ctx.store.createDepartment({ siteId: site.id, name: 'Sales' }),
        await ctx.store.createDepartment({ siteId: site.id, name: 'Billing' }),
      ];
      const save = (shortcut: string, scope: { departmentId?: string; ownerAgentId?: string }) =>
        ctx.store.saveCannedReply({
          siteId: site.id, shortcut, text: shortcut, departmentId: scope.departmentId ?? null, ownerAgentId: scope.ownerAgentId ?? null,
        });
      await save('thanks', {});
      await save('ship', { departmentId: billing.id });
      await save('ship', { departmentId: sales.id });
      await save('mine', { ownerAgentId: ann.id });
      await save('bobs', { ownerAgentId: bob.id });
      const elsewhere = await seedSite(ctx.store);
      await ctx.store.saveCannedReply({ siteId: elsewhere.id, shortcut: 'other', text: 'x', departmentId: null, ownerAgentId: null });

      const seen = await ctx.store.listCannedReplies({ siteId: site.id, agentId: ann.id, departmentIds: 'all' });
      expect(seen.map((r) => `${r.shortcut}:${r.departmentId ?? r.ownerAgentId ?? '-'}`).sort()).toEqual(
        ['mine:' + ann.id, `ship:${billing.id}`, `ship:${sales.id}`, 'thanks:-'].sort(),
      );
    });

    it('compares shortcuts regardless of case within a scope, and keeps each as typed', async () => {
      const site = await seedSite(ctx.store);
      const ann = await seedAgent(ctx.store, site.id);
      const save = (shortcut: string, ownerAgentId: string | null = null) =>
        ctx.store.saveCannedReply({ siteId: site.id, shortcut, text: shortcut, departmentId: null, ownerAgentId });
      const hello = await save('hello');
      await expect(save('HELLO')).rejects.toBeInstanceOf(StoreConflictError);
      await expect(save('Привет').then(() => save('ПРИВЕТ'))).rejects.toBeInstanceOf(StoreConflictError);
      // Another scope is another list: Ann's own /HELLO is hers.
      await save('HELLO', ann.id);
      // A reply may change the case of its own shortcut.
      expect(await ctx.store.saveCannedReply({ ...hello, shortcut: 'Hello' })).toEqual({ ...hello, shortcut: 'Hello' });
      const seen = await ctx.store.listCannedReplies({ siteId: site.id, agentId: ann.id, departmentIds: [] });
      expect(seen.map((r) => `${r.shortcut}:${r.ownerAgentId ? 'ann' : '-'}`).sort()).toEqual(['HELLO:ann', 'Hello:-', 'Привет:-']);
    });

    it('edits a reply by id within its own site only, and deletes it', async () => {
      const [site, other] = [await seedSite(ctx.store), await seedSite(ctx.store)];
      const reply = await ctx.store.saveCannedReply({ siteId: site.id, shortcut: 'bye', text: 'Bye', departmentId: null, ownerAgentId: null });
      const edited = await ctx.store.saveCannedReply({ ...reply, shortcut: 'ciao', text: 'Ciao!' });
      expect(edited).toEqual({ ...reply, shortcut: 'ciao', text: 'Ciao!' });
      await expect(ctx.store.saveCannedReply({ ...reply, siteId: other.id, text: 'hijacked' })).rejects.toBeInstanceOf(StoreConflictError);
      expect(await ctx.store.findCannedReply(reply.id)).toEqual(edited);
      expect(await ctx.store.deleteCannedReply({ id: reply.id, siteId: other.id })).toBe(false);
      expect(await ctx.store.deleteCannedReply({ id: reply.id, siteId: site.id })).toBe(true);
      expect(await ctx.store.deleteCannedReply({ id: reply.id, siteId: site.id })).toBe(false);
      expect(await ctx.store.findCannedReply(reply.id)).toBeNull();
    });
  });

  describe('reopening and helping agents', () => {
    it('reopens a resolved conversation into the queue, unless the visitor has another open one', async () => {
      const { site, visitor, conversation } = await seedConversation(ctx.store);
      const agent = await seedAgent(ctx.store, site.id);
      await ctx.store.claimConversation({ conversationId: conversation.id, agentId: agent.id });
      expect(await ctx.store.reopenConversation(conversation.id)).toBeNull();
      const resolved = await ctx.store.resolveConversation(conversation.id);
      const reopened = await ctx.store.reopenConversation(conversation.id);
      expect(reopened).toMatchObject({ id: conversation.id, status: 'queued', assignedAgentId: null, assignedAt: null, resolvedAt: null });
      expect(reopened && resolved && reopened.queuedAt >= resolved.updatedAt).toBe(true);
      expect(await ctx.store.findOpenConversation(site.id, visitor.id)).toEqual(reopened);
      expect(await ctx.store.listQueue(site.id)).toHaveLength(1);

      await ctx.store.resolveConversation(conversation.id);
      const { conversation: newer } = await ctx.store.openConversation({ siteId: site.id, visitorId: visitor.id, visitorName: null, locale: null });
      await expect(ctx.store.reopenConversation(conversation.id)).rejects.toBeInstanceOf(StoreConflictError);
      expect(await ctx.store.findOpenConversation(site.id, visitor.id)).toEqual(newer);
      expect(await ctx.store.reopenConversation(newId())).toBeNull();
    });

    it("keeps the visitor's rating of a resolved chat; a later rating replaces it", async () => {
      const { conversation } = await seedConversation(ctx.store);
      expect(conversation).toMatchObject({ rating: null, ratingComment: null });
      expect(await ctx.store.rateConversation({ conversationId: conversation.id, score: 5, comment: null })).toBeNull();
      await ctx.store.resolveConversation(conversation.id);
      expect(await ctx.store.rateConversation({ conversationId: conversation.id, score: 2, comment: 'slow' })).toMatchObject({
        rating: 2, ratingComment: 'slow', status: 'resolved',
      });
      await ctx.store.rateConversation({ conversationId: conversation.id, score: 4, comment: null });
      expect(await ctx.store.findConversation(conversation.id)).toMatchObject({ rating: 4, ratingComment: null });
      expect(await ctx.store.rateConversation({ conversationId: newId(), score: 4, comment: null })).toBeNull();
    });

    it('adds a helping agent once, to open conversations only', async () => {
      const { site, conversation } = await seedConversation(ctx.store);
      const [ann, bob] = [await seedAgent(ctx.store, site.id), await seedAgent(ctx.store, site.id)];
      expect(conversation.participantAgentIds).toEqual([]);
      await Promise.all([ann.id, ann.id, bob.id].map((agentId) => ctx.store.addParticipant({ conversationId: conversation.id, agentId })));
      expect((await ctx.store.findConversation(conversation.id))?.participantAgentIds.sort()).toEqual([ann.id, bob.id].sort());
      await ctx.store.resolveConversation(conversation.id);
      expect(await ctx.store.addParticipant({ conversationId: conversation.id, agentId: ann.id })).toBeNull();
      expect(await ctx.store.addParticipant({ conversationId: newId(), agentId: ann.id })).toBeNull();
    });
  });
}
