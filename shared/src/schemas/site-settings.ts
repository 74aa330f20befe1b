/** A site's settings that the server acts on: routing, escalation, SLA, opening hours. */
import { z } from 'zod';
import { IdSchema } from './common';
import { OpeningHoursSchema } from './opening-hours';
import { TICKET_PRIORITIES, type TicketPriority } from './ticket';

export const ROUTING_MODES = ['auto', 'pick'] as const;

const SlaTargetSchema = z.strictObject({
  firstResponseMinutes: z.number().int().min(1).max(60 * 24 * 30),
  resolutionMinutes: z.number().int().min(1).max(60 * 24 * 90),
});
export type SlaTarget = z.infer<typeof SlaTargetSchema>;

const SlaByPrioritySchema = z.strictObject(
  Object.fromEntries(TICKET_PRIORITIES.map((p) => [p, SlaTargetSchema])) as Record<TicketPriority, typeof SlaTargetSchema>,
);

/** Tier 1 answers fast; higher tiers get more time, each with its own fresh clock. */
function defaultSla(): Record<'1' | '2' | '3', Record<TicketPriority, SlaTarget>> {
  const base: Record<TicketPriority, SlaTarget> = {
    urgent: { firstResponseMinutes: 30, resolutionMinutes: 4 * 60 },
    high: { firstResponseMinutes: 60, resolutionMinutes: 8 * 60 },
    normal: { firstResponseMinutes: 4 * 60, resolutionMinutes: 24 * 60 },
    low: { firstResponseMinutes: 8 * 60, resolutionMinutes: 48 * 60 },
  };
  const scaled = (factor: number) =>
    Object.fromEntries(
      TICKET_PRIORITIES.map((p) => [p, { firstResponseMinutes: base[p].firstResponseMinutes * factor, resolutionMinutes: base[p].resolutionMinutes * factor }]),
    ) as Record<TicketPriority, SlaTarget>;
  return { '1': base, '2': scaled(2), '3': scaled(3) };
}

export const SiteSettingsSchema = z.strictObject({
  /** auto: Parley assigns the least-loaded fitting agent; pick: agents take chats from the queue. */
  routingMode: z.enum(ROUTING_MODES).default('auto'),
  /** An assigned agent who has not answered within this many seconds loses the chat to the next. */
  assignTimeoutSeconds: z.number().int().min(10).max(3600).default(120),
  /** Used when the visitor chose no department. */
  defaultDepartmentId: IdSchema.nullable().default(null),
  /** A chat nobody picks up within this many seconds becomes a ticket. */
  waitLimitSeconds: z.number().int().min(30).max(24 * 3600).default(300),
  /** Null: always open. */
  openingHours: OpeningHoursSchema.nullable().default(null),
  sla: z.strictObject({ '1': SlaByPrioritySchema, '2': SlaByPrioritySchema, '3': SlaByPrioritySchema }).default(defaultSla),
  autoCloseSolvedAfterDays: z.number().int().min(1).max(365).default(7),
  pendingReminderAfterDays: z.number().int().min(1).max(90).default(3),
});
export type SiteSettings = z.infer<typeof SiteSettingsSchema>;

export const DEFAULT_SITE_SETTINGS: SiteSettings = SiteSettingsSchema.parse({});

export const SiteSettingsPatchSchema = SiteSettingsSchema.partial();
export type SiteSettingsPatch = z.infer<typeof SiteSettingsPatchSchema>;
