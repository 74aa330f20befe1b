/** First start: a default site and an admin agent, so the demo and console work at once. */
import type { Site } from '@parley/shared';
import type { Store } from '../store/store';
import { newSecretToken } from '../tokens';
import { hashPassword } from './password';

export interface BootstrapResult {
  site: Site;
  /** Present only on the start that created the admin; the password is printed once. */
  createdAdmin: { email: string; password: string } | null;
}

export interface BootstrapOptions {
  adminEmail: string | null;
  adminPassword: string | null;
}

export async function ensureDefaultSiteAndAdmin(store: Store, options: BootstrapOptions): Promise<BootstrapResult> {
  const existing = await store.listSites();
  if (existing[0]) return { site: existing[0], createdAdmin: null };
  const site = await store.createSite({ key: `site_${newSecretToken().slice(0, 16)}`, name: 'My website' });
  const email = options.adminEmail ?? 'admin@parley.local';
  const password = options.adminPassword ?? newSecretToken().slice(0, 20);
  await store.createAgent({
    siteId: site.id,
    email,
    name: 'Admin',
    role: 'admin',
    passwordHash: await hashPassword(password),
  });
  return { site, createdAdmin: { email, password } };
}
