/** Contract: deleting a department — refused while in use, otherwise gone from lists, agents and reply scopes at once. */
import type { Agent, CannedReply, Site } from '@parley/shared';
import type { NewTicketRecord } from '../store';
import type { ContractContext } from './context';
import { seedAgent, seedSite, seedVisitor } from './seed';

const NOT_IN_USE = { isSiteDefault: false, openConversations: 0, unsolvedTickets: 0, cannedShortcutsTaken: [] };

function ticketIn(site: Site, departmentId: string, status: NewTicketRecord['ticket']['status']): NewTicketRecord {
  return {
    ticket: {
      siteId: site.id, conversationId: null, visitorId: null, subject: 'Refund', requesterName: 'Vera',
      requesterEmail: 'vera@example.com', requesterLocale: 'en', status, priority: 'normal', tier: 1,
      departmentId, assigneeAgentId: null, tags: [], source: 'offline_form', tierStartedAt: new Date().toISOString(),
      firstResponseDueAt: null, resolutionDueAt: null, firstRespondedAt: null, solvedAt: null, closedAt: null, pendingSince: null,
    },
    createdEvent: { kind: 'created', authorKind: 'system', authorId: null, authorName: null, text: 'Refund please', changes: [] },
  };
}

const byId = (agents: Agent[]) => [...agents].sort((a, b) => a.id.localeCompare(b.id));
const shortcuts = (replies: CannedReply[]) => replies.map((r) => `${r.shortcut}:${r.departmentId ?? '-'}`).sort();

export function departmentDeletionContract(ctx: ContractContext): void {
  describe('deleting a department', () => {
    it('takes an unused department out of the list, frees its name, and answers not-found after', async () => {
      const [site, otherSite] = [await seedSite(ctx.store), await seedSite(ctx.store)];
      const sales = await ctx.store.createDepartment({ siteId: site.id, name: 'Sales' });
      const billing = await ctx.store.createDepartment({ siteId: site.id, name: 'Billing' });

      expect(await ctx.store.deleteDepartment({ siteId: otherSite.id, departmentId: sales.id })).toEqual({ outcome: 'not-found' });
      expect(await ctx.store.deleteDepartment({ siteId: site.id, departmentId: sales.id })).toEqual({
        outcome: 'deleted', agents: [], cannedRepliesMadeSiteWide: 0,
      });
      expect(await ctx.store.listDepartments(site.id)).toEqual([billing]);
      expect(await ctx.store.deleteDepartment({ siteId: site.id, departmentId: sales.id })).toEqual({ outcome: 'not-found' });
      expect(await ctx.store.renameDepartment({ siteId: site.id, departmentId: sales.id, name: 'Sales again' })).toBeNull();

      const newSales = await ctx.store.createDepartment({ siteId: site.id, name: 'Sales' });
      expect(newSales.id).not.toBe(sales.id);
      expect(await ctx.store.listDepartments(site.id)).toEqual([billing, newSales]);
    });

    it("is refused while it is the site's default or holds open chats or unsolved tickets; history never blocks it", async () => {
      const site = await seedSite(ctx.store);
      const sales = await ctx.store.createDepartment({ siteId: site.id, name: 'Sales' });
      const agent = await ctx.store.createAgent({
        siteId: site.id, email: 'sam@example.com', name: 'Sam', role: 'agent', passwordHash: 'scrypt$x', departmentIds: [sales.id],
      });
      await ctx.store.updateSiteSettings(site.id, { defaultDepartmentId: sales.id });
      const visitor = await seedVisitor(ctx.store, site.id);
      const { conversation } = await ctx.store.openConversation({
        siteId: site.id, visitorId: visitor.id, visitorName: 'Vera', locale: 'en', departmentId: sales.id,
      });
      await ctx.store.claimConversation({ conversationId: conversation.id, agentId: agent.id });
      const pending = (await ctx.store.createTicket(ticketIn(site, sales.id, 'pending'))).ticket;
      const closed = (await ctx.store.createTicket(ticketIn(site, sales.id, 'closed'))).ticket;
      await ctx.store.createTicket(ticketIn(site, sales.id, 'solved'));

      expect(await ctx.store.deleteDepartment({ siteId: site.id, departmentId: sales.id })).toEqual({
        outcome: 'in-use', use: { isSiteDefault: true, openConversations: 1, unsolvedTickets: 1, cannedShortcutsTaken: [] },
      });
      // A refusal changes nothing.
      expect(await ctx.store.listDepartments(site.id)).toEqual([sales]);
      expect((await ctx.store.findAgentById(agent.id))?.departmentIds).toEqual([sales.id]);

      await ctx.store.updateSiteSettings(site.id, { defaultDepartmentId: null });
      await ctx.store.resolveConversation(conversation.id);
      expect(await ctx.store.deleteDepartment({ siteId: site.id, departmentId: sales.id })).toEqual({
        outcome: 'in-use', use: { ...NOT_IN_USE, unsolvedTickets: 1 },
      });
      await ctx.store.updateTicket({ ticketId: pending.id, patch: { status: 'solved', solvedAt: new Date().toISOString() }, event: null });
      expect(await ctx.store.deleteDepartment({ siteId: site.id, departmentId: sales.id })).toMatchObject({ outcome: 'deleted' });

      // Resolved chats and finished tickets keep the department they were handled in.
      expect((await ctx.store.findConversation(conversation.id))?.departmentId).toBe(sales.id);
      expect((await ctx.store.findTicket(closed.id))?.departmentId).toBe(sales.id);
      expect((await ctx.store.findTicket(pending.id))?.departmentId).toBe(sales.id);
    });

    it("takes it out of agents' lists and makes its shared replies site-wide, leaving the rest as it was", async () => {
      const site = await seedSite(ctx.store);
      const sales = await ctx.store.createDepartment({ siteId: site.id, name: 'Sales' });
      const billing = await ctx.store.createDepartment({ siteId: site.id, name: 'Billing' });
      const agentIn = (email: string, departmentIds: string[]) =>
        ctx.store.createAgent({ siteId: site.id, email, name: email, role: 'agent', passwordHash: 'scrypt$x', departmentIds });
      const both = await agentIn('both@example.com', [sales.id, billing.id]);
      const onlySales = await agentIn('sales@example.com', [sales.id]);
      const onlyBilling = await agentIn('billing@example.com', [billing.id]);
      const everyDepartment = await seedAgent(ctx.store, site.id);
      const reply = (shortcut: string, fields: Partial<CannedReply>) =>
        ctx.store.saveCannedReply({ siteId: site.id, shortcut, text: `Text of ${shortcut}`, departmentId: null, ownerAgentId: null, ...fields });
      await reply('refund', { departmentId: sales.id });
      await reply('discount', { departmentId: sales.id });
      await reply('invoice', { departmentId: billing.id });
      await reply('hello', {});
      await reply('mine', { ownerAgentId: onlySales.id });

      const deletion = await ctx.store.deleteDepartment({ siteId: site.id, departmentId: sales.id });
      expect(deletion).toEqual({
        outcome: 'deleted',
        agents: expect.any(Array),
        cannedRepliesMadeSiteWide: 2,
      });
      const changed = deletion.outcome === 'deleted' ? deletion.agents : [];
      expect(byId(changed)).toEqual(byId([{ ...both, departmentIds: [billing.id] }, { ...onlySales, departmentIds: [] }]));
      expect(byId(await ctx.store.listAgents(site.id))).toEqual(
        byId([{ ...both, departmentIds: [billing.id] }, { ...onlySales, departmentIds: [] }, onlyBilling, everyDepartment]),
      );

      // Someone in no department sees the site-wide replies: the department's are among them now.
      expect(shortcuts(await ctx.store.listCannedReplies({ siteId: site.id, agentId: everyDepartment.id, departmentIds: [] }))).toEqual([
        'discount:-', 'hello:-', 'refund:-',
      ]);
      expect(shortcuts(await ctx.store.listCannedReplies({ siteId: site.id, agentId: onlySales.id, departmentIds: [billing.id] }))).toEqual([
        'discount:-', 'hello:-', `invoice:${billing.id}`, 'mine:-', 'refund:-',
      ]);
    });

    it('is refused, naming them, while its replies use shortcuts the site-wide replies already use', async () => {
      const site = await seedSite(ctx.store);
      const sales = await ctx.store.createDepartment({ siteId: site.id, name: 'Sales' });
      const save = (shortcut: string, departmentId: string | null) =>
        ctx.store.saveCannedReply({ siteId: site.id, shortcut, text: shortcut, departmentId, ownerAgentId: null });
      await save('hello', sales.id);
      await save('refund', sales.id);
      await save('zebra', sales.id);
      await save('hello', null);
      await save('zebra', null);

      expect(await ctx.store.deleteDepartment({ siteId: site.id, departmentId: sales.id })).toEqual({
        outcome: 'in-use', use: { ...NOT_IN_USE, cannedShortcutsTaken: ['hello', 'zebra'] },
      });
      // Shortcuts are compared regardless of case: /Refund would clash with a site-wide /REFUND.
      await save('REFUND', null);
      expect(await ctx.store.deleteDepartment({ siteId: site.id, departmentId: sales.id })).toEqual({
        outcome: 'in-use', use: { ...NOT_IN_USE, cannedShortcutsTaken: ['hello', 'refund', 'zebra'] },
      });
      expect(await ctx.store.listDepartments(site.id)).toEqual([sales]);
      const salesReplies = await ctx.store.listCannedReplies({ siteId: site.id, agentId: 'nobody', departmentIds: [sales.id] });
      expect(shortcuts(salesReplies)).toEqual(['REFUND:-', 'hello:-', `hello:${sales.id}`, `refund:${sales.id}`, 'zebra:-', `zebra:${sales.id}`]);
    });
  });
}
