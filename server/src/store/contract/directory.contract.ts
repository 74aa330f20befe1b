/** Contract: sites and their settings, agents and presence, sessions, departments. */
import { AGENT_MAX_CHATS_DEFAULT, DEFAULT_SITE_SETTINGS } from '@parley/shared';
import { newId } from '../../tokens';
import { StoreConflictError } from '../store';
import type { ContractContext } from './context';
import { isIsoDate, plain, seedAgent, seedSite } from './seed';

export function directoryContract(ctx: ContractContext): void {
  describe('sites', () => {
    it('creates a site with default settings and finds it by key and by id, as a plain object', async () => {
      const site = await ctx.store.createSite({ key: 'acme_site_key', name: 'Acme' });
      expect(plain.site.parse(site)).toEqual(site);
      expect(site.settings).toEqual(DEFAULT_SITE_SETTINGS);
      expect(isIsoDate(site.createdAt)).toBe(true);
      expect(await ctx.store.findSiteByKey('acme_site_key')).toEqual(site);
      expect(await ctx.store.findSiteById(site.id)).toEqual(site);
      expect(await ctx.store.findSiteByKey('missing_site_key')).toBeNull();
      expect(await ctx.store.findSiteById(newId())).toBeNull();
    });

    it('refuses a second site with the same key', async () => {
      await ctx.store.createSite({ key: 'taken_site_key', name: 'First' });
      await expect(ctx.store.createSite({ key: 'taken_site_key', name: 'Second' })).rejects.toBeInstanceOf(StoreConflictError);
      expect(await ctx.store.listSites()).toHaveLength(1);
    });

    it('lists every site, oldest first', async () => {
      const created = [await seedSite(ctx.store), await seedSite(ctx.store), await seedSite(ctx.store)];
      const listed = await ctx.store.listSites();
      expect(listed.map((s) => s.id).sort()).toEqual(created.map((s) => s.id).sort());
      // Sites made within one millisecond have no defined order between them, so only times are compared.
      expect(listed.map((s) => s.createdAt)).toEqual(created.map((s) => s.createdAt));
    });

    it('patches only the settings named, and concurrent patches of different keys both land', async () => {
      const site = await ctx.store.createSite({
        key: 'settings_site', name: 'Acme', settings: { ...DEFAULT_SITE_SETTINGS, assignTimeoutSeconds: 300 },
      });
      expect(site.settings.assignTimeoutSeconds).toBe(300);
      const patched = await ctx.store.updateSiteSettings(site.id, { routingMode: 'pick' });
      expect(patched?.settings).toEqual({ ...DEFAULT_SITE_SETTINGS, routingMode: 'pick', assignTimeoutSeconds: 300 });
      await Promise.all([
        ctx.store.updateSiteSettings(site.id, { assignTimeoutSeconds: 60 }),
        ctx.store.updateSiteSettings(site.id, { defaultDepartmentId: 'dept-0000001' }),
      ]);
      expect((await ctx.store.findSiteById(site.id))?.settings).toEqual({
        ...DEFAULT_SITE_SETTINGS, routingMode: 'pick', assignTimeoutSeconds: 60, defaultDepartmentId: 'dept-0000001',
      });
      expect((await ctx.store.updateSiteSettings(site.id, { defaultDepartmentId: null }))?.settings.defaultDepartmentId).toBeNull();

      const week = { mon: [{ from: '09:00', to: '18:00' }], tue: [], wed: [], thu: [], fri: [{ from: '09:00', to: '13:00' }], sat: [], sun: [] };
      const openingHours = { timeZone: 'Europe/Minsk', week, holidays: ['2030-01-01'] };
      expect((await ctx.store.updateSiteSettings(site.id, { openingHours }))?.settings.openingHours).toEqual(openingHours);
      const shorter = { timeZone: 'Europe/Minsk', week: { ...week, mon: [] }, holidays: [] };
      expect((await ctx.store.updateSiteSettings(site.id, { openingHours: shorter }))?.settings.openingHours).toEqual(shorter);
      expect((await ctx.store.updateSiteSettings(site.id, { openingHours: null }))?.settings).toEqual({
        ...DEFAULT_SITE_SETTINGS, routingMode: 'pick', assignTimeoutSeconds: 60, openingHours: null,
      });
      // A shorter list of languages replaces the longer one; it is not merged into it.
      expect((await ctx.store.updateSiteSettings(site.id, { languages: { offered: ['de', 'fr'], default: 'fr' } }))?.settings.languages)
        .toEqual({ offered: ['de', 'fr'], default: 'fr' });
      expect((await ctx.store.updateSiteSettings(site.id, { languages: { offered: ['de'], default: 'de' } }))?.settings.languages)
        .toEqual({ offered: ['de'], default: 'de' });
      expect(await ctx.store.updateSiteSettings(site.id, {})).toEqual(await ctx.store.findSiteById(site.id));
      expect(await ctx.store.updateSiteSettings(newId(), { routingMode: 'auto' })).toBeNull();
    });

    it("renames a site, keeping its settings; another site's name stays", async () => {
      const site = await ctx.store.createSite({ key: 'rename_site', name: 'My website', settings: { ...DEFAULT_SITE_SETTINGS, routingMode: 'pick' } });
      const other = await seedSite(ctx.store);
      const renamed = await ctx.store.renameSite(site.id, 'Acme Shoes');
      expect(renamed).toEqual({ ...site, name: 'Acme Shoes' });
      expect(await ctx.store.findSiteByKey('rename_site')).toEqual(renamed);
      expect((await ctx.store.findSiteById(other.id))?.name).toBe(other.name);
      expect(await ctx.store.renameSite(newId(), 'Nobody')).toBeNull();
    });
  });

  describe('agents', () => {
    it('creates an offline, active agent whose password hash is only given out by e-mail lookup', async () => {
      const site = await seedSite(ctx.store);
      const agent = await seedAgent(ctx.store, site.id, 'ann@example.com');
      expect(plain.agent.parse(agent)).toEqual(agent);
      expect(agent).toMatchObject({
        siteId: site.id, email: 'ann@example.com', status: 'offline', active: true,
        departmentIds: [], languages: [], maxChats: AGENT_MAX_CHATS_DEFAULT,
      });
      expect(await ctx.store.findAgentById(agent.id)).toEqual(agent);
      expect(await ctx.store.findAgentWithSecretByEmail('ann@example.com')).toEqual({
        ...agent, passwordHash: 'scrypt$not-a-real-hash',
      });
      expect(await ctx.store.findAgentWithSecretByEmail('nobody@example.com')).toBeNull();
      expect(await ctx.store.findAgentById(newId())).toBeNull();
    });

    it('keeps the departments, languages and capacity it was created with', async () => {
      const site = await seedSite(ctx.store);
      const agent = await ctx.store.createAgent({
        siteId: site.id, email: 'bob@example.com', name: 'Bob', role: 'admin', passwordHash: 'h',
        departmentIds: ['dept-sales-01'], languages: ['en', 'ru'], maxChats: 7,
      });
      expect(agent).toMatchObject({ role: 'admin', departmentIds: ['dept-sales-01'], languages: ['en', 'ru'], maxChats: 7 });
      expect(await ctx.store.findAgentById(agent.id)).toEqual(agent);
    });

    it('refuses an e-mail already taken, on any site', async () => {
      const [siteA, siteB] = [await seedSite(ctx.store), await seedSite(ctx.store)];
      await seedAgent(ctx.store, siteA.id, 'same@example.com');
      await expect(seedAgent(ctx.store, siteA.id, 'same@example.com')).rejects.toBeInstanceOf(StoreConflictError);
      await expect(seedAgent(ctx.store, siteB.id, 'same@example.com')).rejects.toBeInstanceOf(StoreConflictError);
      expect(await ctx.store.listAgents(siteB.id)).toEqual([]);
    });

    it('sets an agent status and keeps it', async () => {
      const agent = await seedAgent(ctx.store, (await seedSite(ctx.store)).id);
      expect(await ctx.store.setAgentStatus(agent.id, 'online')).toEqual({ ...agent, status: 'online' });
      expect((await ctx.store.findAgentById(agent.id))?.status).toBe('online');
      expect(await ctx.store.setAgentStatus(newId(), 'online')).toBeNull();
    });

    it("brings back the agent's chosen status when a console connects, never over a choice of Offline", async () => {
      const site = await seedSite(ctx.store);
      const [fresh, away, off] = await Promise.all([1, 2, 3].map(() => seedAgent(ctx.store, site.id)));
      const at = new Date().toISOString();
      const resume = (agentId = '') => ctx.store.resumeChosenStatus(agentId, at);
      // A new agent has chosen nothing: their first console brings them online, as before.
      expect(await resume(fresh?.id)).toEqual({ ...fresh, status: 'online' });
      expect(await resume(fresh?.id)).toBeNull();

      expect(await ctx.store.chooseAgentStatus(away?.id ?? '', 'away')).toEqual({ ...away, status: 'away' });
      expect(await ctx.store.chooseAgentStatus(off?.id ?? '', 'offline')).toEqual({ ...off, status: 'offline' });
      // Their consoles close (presence, not a choice): a reconnect brings back what each chose.
      for (const agent of [fresh, away]) await ctx.store.setAgentStatus(agent?.id ?? '', 'offline');
      expect(await resume(fresh?.id)).toMatchObject({ status: 'online' });
      expect(await resume(away?.id)).toMatchObject({ status: 'away' });
      expect(await resume(off?.id)).toBeNull();
      expect((await ctx.store.findAgentById(off?.id ?? ''))?.status).toBe('offline');
      // The sweep's offline is no choice either.
      const later = new Date(Date.now() + 60_000).toISOString();
      expect((await ctx.store.markSilentAgentsOffline(later)).map((a) => a.id).sort()).toEqual([fresh?.id, away?.id].sort());
      expect(await resume(away?.id)).toMatchObject({ status: 'away' });
      // A new choice replaces the old one.
      await ctx.store.chooseAgentStatus(off?.id ?? '', 'online');
      await ctx.store.setAgentStatus(off?.id ?? '', 'offline');
      expect(await resume(off?.id)).toMatchObject({ status: 'online' });
      expect(await ctx.store.chooseAgentStatus(newId(), 'online')).toBeNull();
      expect(await resume(newId())).toBeNull();
    });

    it('patches only the fields named', async () => {
      const agent = await seedAgent(ctx.store, (await seedSite(ctx.store)).id);
      const patched = await ctx.store.updateAgent(agent.id, { maxChats: 2, languages: ['de'], active: false });
      expect(patched).toEqual({ ...agent, maxChats: 2, languages: ['de'], active: false });
      expect(await ctx.store.findAgentById(agent.id)).toEqual(patched);
      expect(await ctx.store.updateAgent(agent.id, { name: 'Ann B.', role: 'admin', departmentIds: ['d-00000001'] })).toEqual({
        ...patched, name: 'Ann B.', role: 'admin', departmentIds: ['d-00000001'],
      });
      expect(await ctx.store.updateAgent(agent.id, {})).toEqual(await ctx.store.findAgentById(agent.id));
      expect(await ctx.store.updateAgent(newId(), { maxChats: 3 })).toBeNull();
    });

    it('lists the agents of one site only', async () => {
      const [siteA, siteB] = [await seedSite(ctx.store), await seedSite(ctx.store)];
      const first = await seedAgent(ctx.store, siteA.id);
      const second = await seedAgent(ctx.store, siteA.id);
      await seedAgent(ctx.store, siteB.id);
      expect((await ctx.store.listAgents(siteA.id)).map((a) => a.id).sort()).toEqual([first.id, second.id].sort());
    });

    it('marks agents whose console went silent offline, once', async () => {
      const site = await seedSite(ctx.store);
      const [heard, silent, away, offline] = await Promise.all([1, 2, 3, 4].map(() => seedAgent(ctx.store, site.id)));
      for (const agent of [heard, silent]) await ctx.store.setAgentStatus(agent?.id ?? '', 'online');
      await ctx.store.setAgentStatus(away?.id ?? '', 'away');
      const now = Date.now();
      await ctx.store.touchAgents([heard?.id ?? ''], new Date(now + 60_000).toISOString());
      await ctx.store.touchAgents([], new Date(now).toISOString());

      const flipped = await ctx.store.markSilentAgentsOffline(new Date(now + 30_000).toISOString());
      expect(flipped.map((a) => a.id).sort()).toEqual([silent?.id, away?.id].sort());
      expect(flipped.every((a) => a.status === 'offline')).toBe(true);
      expect((await ctx.store.findAgentById(heard?.id ?? ''))?.status).toBe('online');
      expect((await ctx.store.findAgentById(offline?.id ?? ''))?.status).toBe('offline');
      expect(await ctx.store.markSilentAgentsOffline(new Date(now + 30_000).toISOString())).toEqual([]);
    });
  });

  it('creates, finds and deletes agent sessions by token hash', async () => {
    const agent = await seedAgent(ctx.store, (await seedSite(ctx.store)).id);
    const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
    await ctx.store.createAgentSession({ tokenHash: 'hash-of-token-one', agentId: agent.id, expiresAt });
    expect(await ctx.store.findAgentSession('hash-of-token-one')).toEqual({ agentId: agent.id, expiresAt });
    expect(await ctx.store.findAgentSession('hash-of-token-two')).toBeNull();
    await ctx.store.deleteAgentSession('hash-of-token-one');
    expect(await ctx.store.findAgentSession('hash-of-token-one')).toBeNull();
    await expect(ctx.store.deleteAgentSession('hash-of-token-one')).resolves.toBeUndefined();
  });

  it("ends every session of one agent, and only theirs", async () => {
    const site = await seedSite(ctx.store);
    const [ann, bob] = [await seedAgent(ctx.store, site.id), await seedAgent(ctx.store, site.id)];
    const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
    for (const [tokenHash, agentId] of [['ann-laptop', ann.id], ['ann-phone', ann.id], ['bob-laptop', bob.id]] as const) {
      await ctx.store.createAgentSession({ tokenHash, agentId, expiresAt });
    }
    await ctx.store.deleteAgentSessions(ann.id);
    expect(await ctx.store.findAgentSession('ann-laptop')).toBeNull();
    expect(await ctx.store.findAgentSession('ann-phone')).toBeNull();
    expect(await ctx.store.findAgentSession('bob-laptop')).toEqual({ agentId: bob.id, expiresAt });
  });

  it('keeps department names unique per site and lists them by name', async () => {
    const [siteA, siteB] = [await seedSite(ctx.store), await seedSite(ctx.store)];
    const support = await ctx.store.createDepartment({ siteId: siteA.id, name: 'Support' });
    const billing = await ctx.store.createDepartment({ siteId: siteA.id, name: 'Billing' });
    expect(support).toEqual({ id: expect.any(String), siteId: siteA.id, name: 'Support' });
    await expect(ctx.store.createDepartment({ siteId: siteA.id, name: 'Support' })).rejects.toBeInstanceOf(StoreConflictError);
    await ctx.store.createDepartment({ siteId: siteB.id, name: 'Support' });
    expect(await ctx.store.listDepartments(siteA.id)).toEqual([billing, support]);
  });

  it('compares department names regardless of case, Cyrillic too, and keeps each as typed', async () => {
    const [siteA, siteB] = [await seedSite(ctx.store), await seedSite(ctx.store)];
    const billing = await ctx.store.createDepartment({ siteId: siteA.id, name: 'Billing' });
    const team = await ctx.store.createDepartment({ siteId: siteA.id, name: 'Отдел продаж' });
    for (const name of ['billing', 'BILLING', 'отдел ПРОДАЖ']) {
      await expect(ctx.store.createDepartment({ siteId: siteA.id, name })).rejects.toBeInstanceOf(StoreConflictError);
    }
    await ctx.store.createDepartment({ siteId: siteB.id, name: 'billing' });
    // Same rule on rename; a department may change the case of its own name.
    await expect(
      ctx.store.renameDepartment({ siteId: siteA.id, departmentId: team.id, name: 'BILLING' }),
    ).rejects.toBeInstanceOf(StoreConflictError);
    expect(await ctx.store.renameDepartment({ siteId: siteA.id, departmentId: billing.id, name: 'BILLING' })).toEqual({ ...billing, name: 'BILLING' });
    expect(await ctx.store.listDepartments(siteA.id)).toEqual([{ ...billing, name: 'BILLING' }, team]);
  });

  it('renames a department of the site, keeping names unique and other sites out', async () => {
    const [siteA, siteB] = [await seedSite(ctx.store), await seedSite(ctx.store)];
    const support = await ctx.store.createDepartment({ siteId: siteA.id, name: 'Suport' });
    const billing = await ctx.store.createDepartment({ siteId: siteA.id, name: 'Billing' });
    const renamed = await ctx.store.renameDepartment({ siteId: siteA.id, departmentId: support.id, name: 'Support' });
    expect(renamed).toEqual({ ...support, name: 'Support' });
    await expect(
      ctx.store.renameDepartment({ siteId: siteA.id, departmentId: support.id, name: 'Billing' }),
    ).rejects.toBeInstanceOf(StoreConflictError);
    expect(await ctx.store.renameDepartment({ siteId: siteB.id, departmentId: billing.id, name: 'Stolen' })).toBeNull();
    expect(await ctx.store.listDepartments(siteA.id)).toEqual([billing, { ...support, name: 'Support' }]);
  });

}
