/** First start: one default site and one admin, even when several processes start at once on a new data directory. */
import { inMemoryMongoFixture, sqliteFixture, type StoreLocation } from '../store/contract/store-fixtures';
import type { Store } from '../store/store';
import { ensureDefaultSiteAndAdmin } from './bootstrap.service';
import { verifyPassword } from './password';

describe.each([sqliteFixture, inMemoryMongoFixture()])('on $label', (fixture) => {
  let location: StoreLocation;
  let stores: Store[];

  beforeEach(() => {
    location = fixture.createLocation();
    stores = [];
  });

  afterEach(async () => {
    for (const store of stores) await store.close();
    await location.destroy();
  });

  /** A server process's own connection to the shared storage. */
  async function processStore(): Promise<Store> {
    const store = await location.open();
    stores.push(store);
    return store;
  }

  const options = { adminEmail: 'owner@example.test', adminPassword: null };

  test('the first start creates a site and an admin whose printed password signs in; later starts create nothing', async () => {
    const store = await processStore();
    const first = await ensureDefaultSiteAndAdmin(store, options);
    expect(first.createdAdmin?.email).toBe('owner@example.test');
    const admin = await store.findAgentWithSecretByEmail('owner@example.test');
    expect(admin?.role).toBe('admin');
    expect(await verifyPassword(first.createdAdmin?.password as string, admin?.passwordHash as string)).toBe(
      true,
    );

    const again = await ensureDefaultSiteAndAdmin(await processStore(), options);
    expect(again).toEqual({ site: first.site, createdAdmin: null });
    expect(await store.listSites()).toHaveLength(1);
  });

  test('three processes starting at once on a new data directory make one site and one admin, and one of them prints it', async () => {
    const processes = [await processStore(), await processStore(), await processStore()];
    const results = await Promise.all(processes.map((store) => ensureDefaultSiteAndAdmin(store, options)));
    const store = stores[0] as Store;
    const sites = await store.listSites();
    expect(sites).toHaveLength(1);
    expect(results.map((r) => r.site.id)).toEqual([sites[0]?.id, sites[0]?.id, sites[0]?.id]);
    expect((await store.listAgents(sites[0]?.id as string)).map((a) => a.email)).toEqual([
      'owner@example.test',
    ]);
    const printed = results.flatMap((r) => (r.createdAdmin ? [r.createdAdmin] : []));
    expect(printed).toHaveLength(1);
    const admin = await store.findAgentWithSecretByEmail('owner@example.test');
    expect(await verifyPassword(printed[0]?.password as string, admin?.passwordHash as string)).toBe(true);
  });

  test('the first site is named from SITE_NAME when given, else a placeholder to rename; a later start keeps the stored name', async () => {
    const store = await processStore();
    expect((await ensureDefaultSiteAndAdmin(store, { ...options, siteName: 'Acme Shoes' })).site.name).toBe('Acme Shoes');
    expect((await ensureDefaultSiteAndAdmin(store, { ...options, siteName: 'Something else' })).site.name).toBe('Acme Shoes');

    const fresh = fixture.createLocation();
    const other = await fresh.open();
    try {
      expect((await ensureDefaultSiteAndAdmin(other, options)).site.name).toBe('My website');
    } finally {
      await other.close();
      await fresh.destroy();
    }
  });
});
