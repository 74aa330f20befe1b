/** Contract: one open conversation per visitor, listing, and the claim/resolve compare-and-sets. */
import type { ConversationStatus } from '@parley/shared';
import { newId } from '../../tokens';
import type { ContractContext } from './context';
import { plain, seedAgent, seedAgents, seedConversation, seedSite, seedVisitor } from './seed';

export function conversationsContract(ctx: ContractContext): void {
  describe('opening conversations', () => {
    it('opens a queued conversation once and gives the same one back on the next call', async () => {
      const site = await seedSite(ctx.store);
      const visitor = await seedVisitor(ctx.store, site.id);
      const input = { siteId: site.id, visitorId: visitor.id, visitorName: 'Vera', locale: 'en' };
      const first = await ctx.store.openConversation(input);
      expect(first.created).toBe(true);
      expect(plain.conversation.parse(first.conversation)).toEqual(first.conversation);
      expect(first.conversation).toMatchObject({
        siteId: site.id, visitorId: visitor.id, visitorName: 'Vera', locale: 'en', status: 'queued',
        assignedAgentId: null, departmentId: null, lastSeq: 0, queuedAt: first.conversation.createdAt,
        assignedAt: null, firstResponseAt: null, awaitingAgentSince: null, resolvedAt: null,
      });
      const second = await ctx.store.openConversation(input);
      expect(second).toEqual({ conversation: first.conversation, created: false });
      expect(await ctx.store.findOpenConversation(site.id, visitor.id)).toEqual(first.conversation);
      expect(await ctx.store.findConversation(first.conversation.id)).toEqual(first.conversation);
      expect(await ctx.store.findConversation(newId())).toBeNull();
    });

    it('keeps the department a conversation was opened for', async () => {
      const site = await seedSite(ctx.store);
      const department = await ctx.store.createDepartment({ siteId: site.id, name: 'Sales' });
      const visitor = await seedVisitor(ctx.store, site.id);
      const { conversation } = await ctx.store.openConversation({
        siteId: site.id, visitorId: visitor.id, visitorName: null, locale: null, departmentId: department.id,
      });
      expect(conversation.departmentId).toBe(department.id);
      expect((await ctx.store.findConversation(conversation.id))?.departmentId).toBe(department.id);
    });

    it('creates exactly one conversation under 20 concurrent opens', async () => {
      const site = await seedSite(ctx.store);
      const visitor = await seedVisitor(ctx.store, site.id);
      const input = { siteId: site.id, visitorId: visitor.id, visitorName: null, locale: null };
      const results = await Promise.all(Array.from({ length: 20 }, () => ctx.store.openConversation(input)));
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(results.map((r) => r.conversation.id)).size).toBe(1);
      expect(await ctx.store.listConversations({ siteId: site.id })).toHaveLength(1);
    });

    it('opens a new conversation after the open one is resolved, and the latest is the new one', async () => {
      const { site, visitor, conversation } = await seedConversation(ctx.store);
      expect(await ctx.store.findLatestConversation(site.id, visitor.id)).toEqual(conversation);
      const resolved = await ctx.store.resolveConversation(conversation.id);
      expect(await ctx.store.findOpenConversation(site.id, visitor.id)).toBeNull();
      expect(await ctx.store.findLatestConversation(site.id, visitor.id)).toEqual(resolved);

      const next = await ctx.store.openConversation({ siteId: site.id, visitorId: visitor.id, visitorName: null, locale: null });
      expect(next.created).toBe(true);
      expect(next.conversation.id).not.toBe(conversation.id);
      expect(await ctx.store.findLatestConversation(site.id, visitor.id)).toEqual(next.conversation);
      expect(await ctx.store.findLatestConversation(site.id, (await seedVisitor(ctx.store, site.id)).id)).toBeNull();
    });
  });

  it('lists one site only, filtered by status, newest first, up to the limit', async () => {
    const site = await seedSite(ctx.store);
    const agent = await seedAgent(ctx.store, site.id);
    const queued = (await seedConversation(ctx.store, site)).conversation;
    const assigned = (await seedConversation(ctx.store, site)).conversation;
    const resolved = (await seedConversation(ctx.store, site)).conversation;
    await ctx.store.claimConversation({ conversationId: assigned.id, agentId: agent.id });
    await ctx.store.resolveConversation(resolved.id);
    await seedConversation(ctx.store); // another site's

    const ids = async (statuses?: ConversationStatus[]) =>
      (await ctx.store.listConversations({ siteId: site.id, ...(statuses ? { statuses } : {}) })).map((c) => c.id).sort();
    expect(await ids()).toEqual([queued.id, assigned.id, resolved.id].sort());
    expect(await ids([])).toEqual([queued.id, assigned.id, resolved.id].sort());
    expect(await ids(['queued'])).toEqual([queued.id]);
    expect(await ids(['queued', 'assigned'])).toEqual([queued.id, assigned.id].sort());
    expect(await ids(['resolved'])).toEqual([resolved.id]);

    const created = (await ctx.store.listConversations({ siteId: site.id })).map((c) => c.createdAt);
    expect(created).toEqual([...created].sort().reverse());
    expect(await ctx.store.listConversations({ siteId: site.id, limit: 2 })).toHaveLength(2);
  });

  describe('claiming and resolving (compare-and-set)', () => {
    it('lets exactly one of 10 concurrent agents claim a queued conversation', async () => {
      const { site, conversation } = await seedConversation(ctx.store);
      const agents = await seedAgents(ctx.store, site.id, 10);
      const results = await Promise.all(
        agents.map((agent) => ctx.store.claimConversation({ conversationId: conversation.id, agentId: agent.id })),
      );
      const winners = results.filter((r) => r !== null);
      expect(winners).toHaveLength(1);
      expect(results.filter((r) => r === null)).toHaveLength(9);
      const winner = winners[0];
      expect(winner).toMatchObject({ id: conversation.id, status: 'assigned', awaitingAgentSince: winner?.assignedAt });
      expect(winner?.assignedAt).not.toBeNull();
      expect(agents.map((a) => a.id)).toContain(winner?.assignedAgentId);
      expect(await ctx.store.findConversation(conversation.id)).toEqual(winner);
      expect(await ctx.store.findOpenConversation(site.id, conversation.visitorId)).toEqual(winner);
    });

    it('refuses to claim a conversation that is assigned, resolved or missing', async () => {
      const { site, conversation } = await seedConversation(ctx.store);
      const [ann, bob] = await seedAgents(ctx.store, site.id, 2);
      const claim = (agentId: string | undefined, conversationId = conversation.id) =>
        ctx.store.claimConversation({ conversationId, agentId: agentId ?? '' });
      expect(await claim(ann?.id)).not.toBeNull();
      expect(await claim(bob?.id)).toBeNull();
      expect((await ctx.store.findConversation(conversation.id))?.assignedAgentId).toBe(ann?.id);
      await ctx.store.resolveConversation(conversation.id);
      expect(await claim(bob?.id)).toBeNull();
      expect(await claim(bob?.id, newId())).toBeNull();
    });

    it('resolves an open conversation once: the second resolve gets null', async () => {
      const { site, conversation } = await seedConversation(ctx.store);
      const agent = await seedAgent(ctx.store, site.id);
      await ctx.store.claimConversation({ conversationId: conversation.id, agentId: agent.id });
      const resolved = await ctx.store.resolveConversation(conversation.id);
      expect(resolved).toMatchObject({
        id: conversation.id, status: 'resolved', assignedAgentId: agent.id, awaitingAgentSince: null,
        resolvedAt: resolved?.updatedAt,
      });
      expect(resolved && resolved.updatedAt >= conversation.updatedAt).toBe(true);
      expect(await ctx.store.resolveConversation(conversation.id)).toBeNull();
      expect(await ctx.store.resolveConversation(newId())).toBeNull();
      const racing = await seedConversation(ctx.store, site);
      const results = await Promise.all(Array.from({ length: 5 }, () => ctx.store.resolveConversation(racing.conversation.id)));
      expect(results.filter((r) => r !== null)).toHaveLength(1);
    });
  });

  describe("the visitor's presence on their open chat", () => {
    const at = (minute: number) => `2026-11-26T10:${String(minute).padStart(2, '0')}:00.000Z`;

    it('reads as on the site, records leaving and coming back, and answers null when nothing changed', async () => {
      const { site, visitor, conversation } = await seedConversation(ctx.store);
      expect(conversation.visitorLeftAt).toBeNull();
      const who = { siteId: site.id, visitorId: visitor.id };
      expect(await ctx.store.visitorBack({ ...who, at: at(1) })).toBeNull();

      const left = await ctx.store.visitorLeft({ ...who, at: at(2) });
      expect(left).toMatchObject({ id: conversation.id, visitorLeftAt: at(2), status: 'queued', updatedAt: conversation.updatedAt });
      expect(await ctx.store.visitorLeft({ ...who, at: at(3) })).toBeNull();
      expect((await ctx.store.findConversation(conversation.id))?.visitorLeftAt).toBe(at(2));

      expect(await ctx.store.visitorBack({ ...who, at: at(4) })).toMatchObject({ id: conversation.id, visitorLeftAt: null });
      expect(await ctx.store.visitorBack({ ...who, at: at(5) })).toBeNull();
      expect((await ctx.store.findOpenConversation(site.id, visitor.id))?.visitorLeftAt).toBeNull();
    });

    it('leaves resolved chats, other visitors and other sites as they were', async () => {
      const { site, visitor, conversation } = await seedConversation(ctx.store);
      const neighbour = await seedConversation(ctx.store, site);
      await ctx.store.visitorLeft({ siteId: site.id, visitorId: visitor.id, at: at(2) });
      const resolved = await ctx.store.resolveConversation(conversation.id);
      expect(resolved?.visitorLeftAt).toBe(at(2));
      // Back on the site with no open chat: nothing to change, and the resolved one keeps its record.
      expect(await ctx.store.visitorBack({ siteId: site.id, visitorId: visitor.id, at: at(3) })).toBeNull();
      expect((await ctx.store.findConversation(conversation.id))?.visitorLeftAt).toBe(at(2));
      expect((await ctx.store.findConversation(neighbour.conversation.id))?.visitorLeftAt).toBeNull();
      const otherSite = await seedSite(ctx.store);
      expect(await ctx.store.visitorLeft({ siteId: otherSite.id, visitorId: neighbour.visitor.id, at: at(4) })).toBeNull();
      expect((await ctx.store.findConversation(neighbour.conversation.id))?.visitorLeftAt).toBeNull();
    });

    it('marks as left, when last seen, the visitors of open chats no heartbeat has mentioned since the cut-off', async () => {
      const site = await seedSite(ctx.store);
      const quiet = await seedConversation(ctx.store, site);
      const beating = await seedConversation(ctx.store, site);
      const alreadyLeft = await seedConversation(ctx.store, site);
      const done = await seedConversation(ctx.store, site);
      await ctx.store.resolveConversation(done.conversation.id);
      const who = (seeded: { visitor: { id: string } }) => ({ siteId: site.id, visitorId: seeded.visitor.id });
      await ctx.store.visitorLeft({ ...who(alreadyLeft), at: at(1) });
      await ctx.store.visitorBack({ ...who(quiet), at: at(5) });
      const future = new Date(Date.now() + 3_600_000).toISOString();
      await ctx.store.touchVisitors([who(beating), who(done)], future);

      const gone = await ctx.store.markSilentVisitorsGone(new Date(Date.now() + 60_000).toISOString());
      expect(gone.map((c) => [c.id, c.visitorLeftAt])).toEqual([[quiet.conversation.id, at(5)]]);
      expect(await ctx.store.markSilentVisitorsGone(new Date(Date.now() + 60_000).toISOString())).toEqual([]);
      expect((await ctx.store.findConversation(alreadyLeft.conversation.id))?.visitorLeftAt).toBe(at(1));
      expect((await ctx.store.findConversation(beating.conversation.id))?.visitorLeftAt).toBeNull();
      expect((await ctx.store.findConversation(done.conversation.id))?.visitorLeftAt).toBeNull();
      // Back again, the heartbeat's silence starts over from now.
      await ctx.store.visitorBack({ ...who(quiet), at: future });
      expect(await ctx.store.markSilentVisitorsGone(new Date(Date.now() + 60_000).toISOString())).toEqual([]);
    });

    it('takes a chat opened just now as seen when it opened', async () => {
      const { conversation } = await seedConversation(ctx.store);
      expect(await ctx.store.markSilentVisitorsGone(new Date(Date.parse(conversation.createdAt) - 1000).toISOString())).toEqual([]);
      const gone = await ctx.store.markSilentVisitorsGone(new Date(Date.parse(conversation.createdAt) + 1000).toISOString());
      expect(gone.map((c) => [c.id, c.visitorLeftAt])).toEqual([[conversation.id, conversation.createdAt]]);
    });
  });
}
