/** Contract: routing's compare-and-sets (capacity, requeue, transfer), the queue, loads and overdue answers. */
import { newId } from '../../tokens';
import type { ContractContext } from './context';
import { seedAgent, seedConversation, seedSite, untilClockTicks } from './seed';

export function routingContract(ctx: ContractContext): void {
  async function siteWithAgents(maxChats: number[]) {
    const site = await seedSite(ctx.store);
    const agents = [];
    for (const limit of maxChats) {
      const agent = await seedAgent(ctx.store, site.id);
      agents.push((await ctx.store.updateAgent(agent.id, { maxChats: limit })) ?? agent);
    }
    return { site, agents };
  }
  const open = async (site: Awaited<ReturnType<typeof seedSite>>) => (await seedConversation(ctx.store, site)).conversation;

  describe('assigning within capacity', () => {
    it('lets 2 of 5 concurrent assignments land for an agent with room for 2', async () => {
      const { site, agents: [ann] } = await siteWithAgents([2]);
      const agentId = ann?.id ?? '';
      const conversations = [];
      for (let index = 0; index < 5; index += 1) conversations.push(await open(site));
      const results = await Promise.all(
        conversations.map((c) => ctx.store.assignConversation({ conversationId: c.id, agentId, maxChats: 2 })),
      );
      const assigned = results.filter((r) => r !== null);
      expect(assigned).toHaveLength(2);
      expect(assigned.every((c) => c.status === 'assigned' && c.assignedAgentId === agentId)).toBe(true);
      expect((await ctx.store.listAssignedTo(agentId)).map((c) => c.id).sort()).toEqual(assigned.map((c) => c.id).sort());

      // Resolving one frees its slot for the next waiting conversation.
      await ctx.store.resolveConversation(assigned[0]?.id ?? '');
      const waiting = conversations.filter((c) => !assigned.some((a) => a.id === c.id));
      expect(await ctx.store.assignConversation({ conversationId: waiting[0]?.id ?? '', agentId, maxChats: 2 })).not.toBeNull();
      expect(await ctx.store.assignConversation({ conversationId: waiting[1]?.id ?? '', agentId, maxChats: 2 })).toBeNull();
    });

    it('counts claimed chats against capacity, and a requeue frees the slot', async () => {
      const { site, agents: [ann] } = await siteWithAgents([1]);
      const agentId = ann?.id ?? '';
      const [first, second] = [await open(site), await open(site)];
      expect(await ctx.store.claimConversation({ conversationId: first.id, agentId })).not.toBeNull();
      expect(await ctx.store.assignConversation({ conversationId: second.id, agentId, maxChats: 1 })).toBeNull();
      expect(await ctx.store.requeueConversation({ conversationId: first.id, fromAgentId: agentId, declined: false })).not.toBeNull();
      expect(await ctx.store.assignConversation({ conversationId: second.id, agentId, maxChats: 1 })).toMatchObject({
        id: second.id, status: 'assigned', assignedAgentId: agentId,
      });
    });

    it('assigns only queued conversations', async () => {
      const { site, agents: [ann, bob] } = await siteWithAgents([5, 5]);
      const conversation = await open(site);
      const assign = (agentId: string | undefined, conversationId = conversation.id) =>
        ctx.store.assignConversation({ conversationId, agentId: agentId ?? '', maxChats: 5 });
      const results = await Promise.all([assign(ann?.id), assign(bob?.id)]);
      expect(results.filter((r) => r !== null)).toHaveLength(1);
      await ctx.store.resolveConversation(conversation.id);
      expect(await assign(ann?.id)).toBeNull();
      expect(await assign(ann?.id, newId())).toBeNull();
    });
  });

  describe('requeue and transfer', () => {
    it('requeues only from the assigned agent, clears the assignment and records a decline', async () => {
      const { site, agents: [ann, bob] } = await siteWithAgents([4, 4]);
      const conversation = await open(site);
      await ctx.store.claimConversation({ conversationId: conversation.id, agentId: ann?.id ?? '' });
      const requeue = (fromAgentId: string | undefined, declined: boolean) =>
        ctx.store.requeueConversation({ conversationId: conversation.id, fromAgentId: fromAgentId ?? '', declined });
      expect(await requeue(bob?.id, true)).toBeNull();
      const requeued = await requeue(ann?.id, true);
      expect(requeued).toMatchObject({
        status: 'queued', assignedAgentId: null, assignedAt: null, awaitingAgentSince: null,
        queuedAt: conversation.queuedAt, departmentId: null,
      });
      expect(await requeue(ann?.id, true)).toBeNull();
      expect((await ctx.store.listQueue(site.id)).map((q) => [q.id, q.declinedAgentIds])).toEqual([[conversation.id, [ann?.id]]]);
    });

    it('moves a requeued conversation to another department only when one is named', async () => {
      const { site, agents: [ann] } = await siteWithAgents([4]);
      const sales = await ctx.store.createDepartment({ siteId: site.id, name: 'Sales' });
      const conversation = await open(site);
      const cycle = async (departmentId?: string | null) => {
        await ctx.store.claimConversation({ conversationId: conversation.id, agentId: ann?.id ?? '' });
        return ctx.store.requeueConversation({
          conversationId: conversation.id, fromAgentId: ann?.id ?? '', declined: false,
          ...(departmentId === undefined ? {} : { departmentId }),
        });
      };
      expect((await cycle(sales.id))?.departmentId).toBe(sales.id);
      expect((await cycle())?.departmentId).toBe(sales.id);
      expect((await cycle(null))?.departmentId).toBeNull();
      expect((await ctx.store.listQueue(site.id))[0]?.declinedAgentIds).toEqual([]);
    });

    it('transfers from the assigned agent to another within their capacity, freeing the first slot', async () => {
      const { site, agents: [ann, bob] } = await siteWithAgents([1, 1]);
      const [annId, bobId] = [ann?.id ?? '', bob?.id ?? ''];
      const [first, second] = [await open(site), await open(site)];
      const claimed = await ctx.store.claimConversation({ conversationId: first.id, agentId: annId });
      const transfer = (fromAgentId: string, toAgentId: string, conversationId = first.id) =>
        ctx.store.transferConversation({ conversationId, fromAgentId, toAgentId, maxChats: 1 });

      expect(await transfer(bobId, bobId)).toBeNull();
      const moved = await transfer(annId, bobId);
      expect(moved).toMatchObject({ id: first.id, status: 'assigned', assignedAgentId: bobId, awaitingAgentSince: moved?.assignedAt });
      expect(moved && claimed && moved.assignedAt && claimed.assignedAt && moved.assignedAt >= claimed.assignedAt).toBe(true);
      expect(await ctx.store.findConversation(first.id)).toEqual(moved);
      expect(await transfer(annId, bobId)).toBeNull();

      // Ann's slot is free again; Bob's is taken, so a second chat cannot be transferred to him.
      expect(await ctx.store.assignConversation({ conversationId: second.id, agentId: annId, maxChats: 1 })).not.toBeNull();
      expect(await transfer(annId, bobId, second.id)).toBeNull();
      expect((await ctx.store.findConversation(second.id))?.assignedAgentId).toBe(annId);
    });
  });

  it('lists the queue first come first served, and a requeued chat keeps its place', async () => {
    const { site, agents: [ann] } = await siteWithAgents([4]);
    const queued = [];
    for (let index = 0; index < 3; index += 1) {
      queued.push(await open(site));
      await untilClockTicks();
    }
    const [first, second, third] = queued.map((c) => c.id);
    await ctx.store.claimConversation({ conversationId: first ?? '', agentId: ann?.id ?? '' });
    expect((await ctx.store.listQueue(site.id)).map((c) => c.id)).toEqual([second, third]);
    await ctx.store.requeueConversation({ conversationId: first ?? '', fromAgentId: ann?.id ?? '', declined: false });
    expect((await ctx.store.listQueue(site.id)).map((c) => c.id)).toEqual([first, second, third]);
    await seedConversation(ctx.store); // another site's queue
    expect(await ctx.store.listQueue(site.id)).toHaveLength(3);
  });

  it("reports each agent's open chats and last assignment, for its own site only", async () => {
    const { site, agents: [ann, bob, cat] } = await siteWithAgents([4, 4, 4]);
    await siteWithAgents([4]); // another site's agent
    const [a1, a2, b1] = [await open(site), await open(site), await open(site)];
    await ctx.store.claimConversation({ conversationId: a1.id, agentId: ann?.id ?? '' });
    await untilClockTicks();
    const latest = await ctx.store.claimConversation({ conversationId: a2.id, agentId: ann?.id ?? '' });
    const bobs = await ctx.store.claimConversation({ conversationId: b1.id, agentId: bob?.id ?? '' });
    await ctx.store.resolveConversation(b1.id);

    const loads = await ctx.store.listAgentLoads(site.id);
    expect(loads.sort((x, y) => x.agentId.localeCompare(y.agentId))).toEqual(
      [
        { agentId: ann?.id, activeChats: 2, lastAssignedAt: latest?.assignedAt },
        { agentId: bob?.id, activeChats: 0, lastAssignedAt: bobs?.assignedAt },
        { agentId: cat?.id, activeChats: 0, lastAssignedAt: null },
      ].sort((x, y) => (x.agentId ?? '').localeCompare(y.agentId ?? '')),
    );
  });

  it('lists the assigned chats still owed an answer, until an agent replies', async () => {
    const { site, agents: [ann] } = await siteWithAgents([4]);
    const conversation = await open(site);
    const claimed = await ctx.store.claimConversation({ conversationId: conversation.id, agentId: ann?.id ?? '' });
    const assignedAt = Date.parse(claimed?.assignedAt ?? '');
    const overdue = async (ms: number) =>
      (await ctx.store.listUnansweredAssignments({ siteId: site.id, before: new Date(assignedAt + ms).toISOString() })).map((c) => c.id);
    expect(await overdue(60_000)).toEqual([conversation.id]);
    expect(await overdue(-1_000)).toEqual([]);
    const { site: otherSite } = await siteWithAgents([1]);
    expect(await ctx.store.listUnansweredAssignments({ siteId: otherSite.id, before: new Date(assignedAt + 60_000).toISOString() })).toEqual([]);

    const send = (clientId: string, extra: { internal?: boolean }) =>
      ctx.store.appendMessage({
        conversationId: conversation.id, clientId, author: { kind: 'agent', id: ann?.id ?? '', name: 'Ann' }, text: 'x', ...extra,
      });
    await send('note-0000001', { internal: true });
    expect(await overdue(60_000)).toEqual([conversation.id]);
    expect((await ctx.store.findConversation(conversation.id))?.firstResponseAt).toBeNull();

    const reply = await send('reply-000001', {});
    expect(await overdue(60_000)).toEqual([]);
    const answered = await ctx.store.findConversation(conversation.id);
    expect(answered).toMatchObject({ awaitingAgentSince: null, firstResponseAt: reply.message.createdAt });
    await untilClockTicks();
    await send('reply-000002', {});
    expect((await ctx.store.findConversation(conversation.id))?.firstResponseAt).toBe(reply.message.createdAt);
  });

  it('runs a reassigned chat’s reply clock only while the visitor is waiting for an answer', async () => {
    const { site, agents: [ann, bob] } = await siteWithAgents([4, 4]);
    const [annId, bobId] = [ann?.id ?? '', bob?.id ?? ''];
    const { conversation } = await seedConversation(ctx.store, site);
    const write = (clientId: string, author: 'visitor' | 'ann', internal = false) =>
      ctx.store.appendMessage({
        conversationId: conversation.id, clientId, text: 'x', internal,
        author: author === 'ann' ? { kind: 'agent', id: annId, name: 'Ann' } : { kind: 'visitor', id: conversation.visitorId, name: 'Vera' },
      });
    const handBackAndAssign = async (fromAgentId: string, agentId: string) => {
      await ctx.store.requeueConversation({ conversationId: conversation.id, fromAgentId, declined: false });
      return ctx.store.assignConversation({ conversationId: conversation.id, agentId, maxChats: 4 });
    };
    const overdue = async () => (await ctx.store.listUnansweredAssignments({
      siteId: site.id, before: new Date(Date.now() + 3_600_000).toISOString(),
    })).map((c) => c.id);

    await write('visitor-0001', 'visitor');
    await ctx.store.claimConversation({ conversationId: conversation.id, agentId: annId });
    await write('ann-reply-01', 'ann');
    // Ann answered last: her going offline and coming back (or a restart) must not restart the clock.
    const reassigned = await handBackAndAssign(annId, annId);
    expect(reassigned).toMatchObject({ status: 'assigned', assignedAgentId: annId, awaitingAgentSince: null });
    expect(await overdue()).toEqual([]);
    // Nor does a note of hers after that answer (a transfer's note, say), nor a transfer.
    await write('ann-note-001', 'ann', true);
    const transferred = await ctx.store.transferConversation({ conversationId: conversation.id, fromAgentId: annId, toAgentId: bobId, maxChats: 4 });
    expect(transferred).toMatchObject({ assignedAgentId: bobId, awaitingAgentSince: null });
    expect(await ctx.store.findConversation(conversation.id)).toEqual(transferred);

    // The visitor wrote last: the new assignee owes an answer, with the full timeout from the assignment.
    await write('visitor-0002', 'visitor');
    const waiting = await handBackAndAssign(bobId, annId);
    expect(waiting).toMatchObject({ assignedAgentId: annId, awaitingAgentSince: waiting?.assignedAt });
    expect(await overdue()).toEqual([conversation.id]);
    // A note is no answer: a transfer after it still owes the visitor one.
    await write('ann-note-002', 'ann', true);
    const moved = await ctx.store.transferConversation({ conversationId: conversation.id, fromAgentId: annId, toAgentId: bobId, maxChats: 4 });
    expect(moved).toMatchObject({ assignedAgentId: bobId, awaitingAgentSince: moved?.assignedAt });
    expect(await overdue()).toEqual([conversation.id]);
  });
}
