/** Sites: one per website that embeds the widget, with its public settings. */
import { z } from 'zod';
import { IdSchema } from './common';
import { ContactCardSchema, PARLEY_LANGUAGES, PrechatFormSchema, SiteLanguagesSchema, SiteSettingsSchema, WidgetAppearanceSchema } from './site-settings';
import { OpeningHoursSchema } from './opening-hours';
import { DepartmentSchema } from './department';
import { PublicStatusNoticeSchema } from './knowledge-base';

export const SiteKeySchema = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'must be a site key');

/** The site's name as customers read it: e-mails ("The … team"), the help centre's header. */
export const SITE_NAME_MAX_LENGTH = 100;
export const SiteNameSchema = z.string().trim().min(1, 'must not be empty').max(SITE_NAME_MAX_LENGTH);

/** What an admin changes about the site itself (its settings have their own patch). */
export const SitePatchSchema = z.strictObject({ name: SiteNameSchema.optional() });
export type SitePatch = z.infer<typeof SitePatchSchema>;

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
  widget: WidgetAppearanceSchema,
  prechat: PrechatFormSchema,
  contact: ContactCardSchema,
  /** The languages the site offers its visitors, and its default. */
  languages: SiteLanguagesSchema,
  /**
   * The panel's language for this visitor unless the page names one (data-locale, setLocale): the
   * first of the browser's languages (Accept-Language) the site offers, else the site's default.
   */
  locale: z.enum(PARLEY_LANGUAGES),
  openingHours: OpeningHoursSchema.nullable(),
  departments: z.array(DepartmentSchema.pick({ id: true, name: true })),
  agentsOnline: z.boolean(),
  openNow: z.boolean(),
  /** "Payments are slow, we are on it": shown until an admin withdraws it. */
  statusNotice: PublicStatusNoticeSchema.nullable(),
});
export type PublicSiteConfig = z.infer<typeof PublicSiteConfigSchema>;
