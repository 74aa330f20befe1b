/** First start: a default site and an admin agent, so the demo and console work at once. */
import type { Site } from '@parley/shared';
import { StoreConflictError, type NewAgentRecord, type Store } from '../store/store';
import { newSecretToken } from '../tokens';
import { hashPassword } from './password';

export const DEFAULT_SITE_NAME = 'My website';

export interface BootstrapResult {
  site: Site;
  /** Present only on the start that created the admin; the password is printed once. */
  createdAdmin: { email: string; password: string } | null;
}

export interface BootstrapOptions {
  adminEmail: string | null;
  adminPassword: string | null;
  /** The new site's name; null or absent: a placeholder the admin renames in Site settings. */
  siteName?: string | null;
}

/**
 * Several processes may start at once on a new data directory. They agree on one site key first
 * (the store keeps the first value offered), so they create one site between them; the admin is
 * created by whichever process gets there first, and only that one prints the password.
 */
export async function ensureDefaultSiteAndAdmin(store: Store, options: BootstrapOptions): Promise<BootstrapResult> {
  const existing = await store.listSites();
  if (existing[0]) return { site: existing[0], createdAdmin: null };
  const key = await store.getOrCreateSecret('default-site-key', () => `site_${newSecretToken().slice(0, 16)}`);
  const site = await siteWithKey(store, { key, name: options.siteName ?? DEFAULT_SITE_NAME });
  const email = options.adminEmail ?? 'admin@parley.local';
  const password = options.adminPassword ?? newSecretToken().slice(0, 20);
  const created = await adminCreated(store, { siteId: site.id, email, name: 'Admin', role: 'admin', passwordHash: await hashPassword(password) });
  return { site, createdAdmin: created ? { email, password } : null };
}

/** The site with `key`: created here, or by another process a moment before. */
async function siteWithKey(store: Store, { key, name }: { key: string; name: string }): Promise<Site> {
  try {
    return await store.createSite({ key, name });
  } catch (error) {
    const found = error instanceof StoreConflictError ? await store.findSiteByKey(key) : null;
    if (!found) throw error;
    return found;
  }
}

/** Whether this process created the admin; false when another one already had (its address is taken). */
async function adminCreated(store: Store, record: NewAgentRecord): Promise<boolean> {
  try {
    await store.createAgent(record);
    return true;
  } catch (error) {
    if (error instanceof StoreConflictError) return false;
    throw error;
  }
}
