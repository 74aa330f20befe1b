/** Sites: one per website that embeds the widget, with its public settings. */
import { z } from 'zod';
import { IdSchema } from './common';
import { SiteSettingsSchema } from './site-settings';

export const SiteKeySchema = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'must be a site key');

export const SiteSchema = z.object({
  id: IdSchema,
  /** Public key carried by the snippet (`data-site`); not a secret. */
  key: SiteKeySchema,
  name: z.string(),
  settings: SiteSettingsSchema,
  createdAt: z.string(),
});
export type Site = z.infer<typeof SiteSchema>;

/** What the widget may learn about a site before a visitor has written anything. */
export const PublicSiteConfigSchema = z.object({
  key: SiteKeySchema,
  name: z.string(),
  agentsOnline: z.boolean(),
});
export type PublicSiteConfig = z.infer<typeof PublicSiteConfigSchema>;
