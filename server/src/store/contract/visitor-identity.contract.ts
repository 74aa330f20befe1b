/** Contract: verified identities — set by a signed identify, never changed by an unsigned one or another user. */
import type { ContractContext } from './context';

export function visitorIdentityContract(ctx: ContractContext): void {
  describe('visitor identity', () => {
    async function newVisitor() {
      const site = (await ctx.store.findSiteByKey('identity_site')) ?? (await ctx.store.createSite({ key: 'identity_site', name: 'Identity' }));
      return ctx.store.createVisitor({ siteId: site.id, tokenHash: `hash-${Math.random()}`, locale: null });
    }

    it('starts unverified, and a verified identity carries the user id, name and e-mail', async () => {
      const visitor = await newVisitor();
      expect(visitor).toMatchObject({ verified: false, userId: null });
      const verified = await ctx.store.verifyVisitorIdentity(visitor.id, { userId: 'u-1', name: 'Ann', email: 'ann@example.test' });
      expect(verified).toMatchObject({ verified: true, userId: 'u-1', name: 'Ann', email: 'ann@example.test' });
      expect(await ctx.store.findVisitorById(visitor.id)).toMatchObject({ verified: true, userId: 'u-1' });
    });

    it('refuses an unsigned identify on a verified visitor, leaving name and e-mail as they were', async () => {
      const visitor = await newVisitor();
      await ctx.store.verifyVisitorIdentity(visitor.id, { userId: 'u-2', email: 'real@example.test' });
      expect(await ctx.store.identifyVisitor(visitor.id, { email: 'impostor@example.test', name: 'Impostor' })).toBeNull();
      expect(await ctx.store.findVisitorById(visitor.id)).toMatchObject({ email: 'real@example.test', name: null });
    });

    it('lets the same user sign again, but never another user over them', async () => {
      const visitor = await newVisitor();
      await ctx.store.verifyVisitorIdentity(visitor.id, { userId: 'u-3', name: 'First' });
      expect(await ctx.store.verifyVisitorIdentity(visitor.id, { userId: 'u-3', name: 'Renamed' })).toMatchObject({ name: 'Renamed' });
      expect(await ctx.store.verifyVisitorIdentity(visitor.id, { userId: 'u-4' })).toBeNull();
      expect(await ctx.store.findVisitorById(visitor.id)).toMatchObject({ userId: 'u-3', name: 'Renamed' });
    });

    it('answers null for a visitor that does not exist', async () => {
      expect(await ctx.store.verifyVisitorIdentity('no-such-visitor-0001', { userId: 'u-5' })).toBeNull();
    });
  });
}
