/** A site's settings that the server acts on: routing mode and its time limits. */
import { z } from 'zod';
import { IdSchema } from './common';

export const ROUTING_MODES = ['auto', 'pick'] as const;

export const SiteSettingsSchema = z.strictObject({
  /** auto: Parley assigns the least-loaded fitting agent; pick: agents take chats from the queue. */
  routingMode: z.enum(ROUTING_MODES).default('auto'),
  /** An assigned agent who has not answered within this many seconds loses the chat to the next. */
  assignTimeoutSeconds: z.number().int().min(10).max(3600).default(120),
  /** Used when the visitor chose no department. */
  defaultDepartmentId: IdSchema.nullable().default(null),
});
export type SiteSettings = z.infer<typeof SiteSettingsSchema>;

export const DEFAULT_SITE_SETTINGS: SiteSettings = SiteSettingsSchema.parse({});

export const SiteSettingsPatchSchema = SiteSettingsSchema.partial();
export type SiteSettingsPatch = z.infer<typeof SiteSettingsPatchSchema>;
