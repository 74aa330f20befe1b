/** Analytics: the report request (a period in a time zone, optionally one agent or department) and the report. */
import { z } from 'zod';
import { IdSchema, IsoDateSchema } from './common';
import { TICKET_SOURCES } from './ticket';

/** The longest period one report covers, counted in calendar days (both ends included). */
export const ANALYTICS_MAX_DAYS = 366;

const DAY_MS = 86_400_000;

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** YYYY-MM-DD naming a day that exists (2024-02-30 does not). */
function isCalendarDate(value: string): boolean {
  const at = Date.parse(`${value}T00:00:00Z`);
  return CALENDAR_DATE.test(value) && !Number.isNaN(at) && new Date(at).toISOString().startsWith(`${value}T`);
}

export const CalendarDateSchema = z
  .string()
  .regex(CALENDAR_DATE, { message: 'must be a date like 2024-03-01', abort: true })
  .refine(isCalendarDate, 'must be a real calendar date');

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** An IANA time zone name the runtime knows, like Europe/Berlin. */
export const TimeZoneSchema = z.string().min(1).max(64).refine(isTimeZone, 'must be an IANA time zone like Europe/Berlin');

const bothDates = (r: { from: string; to: string }): boolean => isCalendarDate(r.from) && isCalendarDate(r.to);
const daysBetween = (from: string, to: string): number => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS;

/**
 * GET /api/analytics/report(.csv) query. `from` and `to` are whole days in `timeZone`, both
 * included. Agents always get their own figures; only admins may name another agent.
 */
export const AnalyticsRequestSchema = z
  .strictObject({
    from: CalendarDateSchema,
    to: CalendarDateSchema,
    timeZone: TimeZoneSchema.default('UTC'),
    agentId: IdSchema.optional(),
    departmentId: IdSchema.optional(),
  })
  // Judged only between two real dates; a broken one has its own issue already.
  .refine((r) => !bothDates(r) || r.from <= r.to, { message: 'must not be before from', path: ['to'] })
  .refine((r) => !bothDates(r) || daysBetween(r.from, r.to) + 1 <= ANALYTICS_MAX_DAYS, {
    message: `the period may cover at most ${ANALYTICS_MAX_DAYS} days`,
    path: ['to'],
  });
export type AnalyticsRequest = z.infer<typeof AnalyticsRequestSchema>;
export type AnalyticsRequestInput = z.input<typeof AnalyticsRequestSchema>;

/** Median and 90th percentile (linear interpolation between closest ranks) of durations in seconds. */
export const DurationStatsSchema = z.object({
  count: z.number().int().nonnegative(),
  medianSeconds: z.number().nonnegative().nullable(),
  p90Seconds: z.number().nonnegative().nullable(),
});
export type DurationStats = z.infer<typeof DurationStatsSchema>;

/** Ratings 1-5: how many, their average (2 decimals) and CSAT, the share of 4s and 5s in % (1 decimal). */
export const SatisfactionSchema = z.object({
  count: z.number().int().nonnegative(),
  average: z.number().min(1).max(5).nullable(),
  csatPercent: z.number().min(0).max(100).nullable(),
});
export type Satisfaction = z.infer<typeof SatisfactionSchema>;

const countsBySource = z.object(
  Object.fromEntries(TICKET_SOURCES.map((source) => [source, z.number().int().nonnegative()])) as Record<
    (typeof TICKET_SOURCES)[number],
    z.ZodNumber
  >,
);
export type CountsBySource = z.infer<typeof countsBySource>;

/**
 * The figures of one slice (the whole selection, one agent, one department). Chats count when
 * they started in the period, tickets when they were created in it.
 */
export const AnalyticsMetricsSchema = z.object({
  conversations: z.number().int().nonnegative(),
  /** Chats an agent answered at least once. */
  answered: z.number().int().nonnegative(),
  /** Chats nobody took in time (ticket from chat_timeout) or the visitor left unanswered (visitor_left). */
  missed: z.number().int().nonnegative(),
  /** Chats resolved live, without becoming a ticket. */
  resolvedInChat: z.number().int().nonnegative(),
  /** Chats that became tickets, by the ticket's source. */
  escalated: z.number().int().nonnegative(),
  escalationsBySource: countsBySource,
  tickets: z.number().int().nonnegative(),
  ticketsBySource: countsBySource,
  /** Tickets solved or closed. */
  ticketsResolved: z.number().int().nonnegative(),
  /** Chats: start to the first agent answer. Tickets: creation to the first agent reply. */
  firstResponse: z.object({ chats: DurationStatsSchema, tickets: DurationStatsSchema }),
  /** Chats: start to resolution in chat. Tickets: creation to solved (or closed). */
  resolution: z.object({ chats: DurationStatsSchema, tickets: DurationStatsSchema }),
  /**
   * Tickets whose first response or resolution came after its due time, or is overdue now.
   * Solving a ticket also stops its first-response clock.
   */
  slaBreaches: z.object({
    tickets: z.number().int().nonnegative(),
    firstResponse: z.number().int().nonnegative(),
    resolution: z.number().int().nonnegative(),
  }),
  satisfaction: z.object({ chats: SatisfactionSchema, tickets: SatisfactionSchema, overall: SatisfactionSchema }),
});
export type AnalyticsMetrics = z.infer<typeof AnalyticsMetricsSchema>;

export const AgentAnalyticsSchema = AnalyticsMetricsSchema.extend({
  /** Null: chats and tickets nobody was assigned to. */
  agentId: IdSchema.nullable(),
  name: z.string().nullable(),
});
export type AgentAnalytics = z.infer<typeof AgentAnalyticsSchema>;

export const DepartmentAnalyticsSchema = AnalyticsMetricsSchema.extend({
  /** Null: chats and tickets without a department. */
  departmentId: IdSchema.nullable(),
  name: z.string().nullable(),
});
export type DepartmentAnalytics = z.infer<typeof DepartmentAnalyticsSchema>;

export const VolumeByDaySchema = z.object({
  /** A calendar date in the requested time zone; every day of the period is listed. */
  date: z.string(),
  conversations: z.number().int().nonnegative(),
  tickets: z.number().int().nonnegative(),
});
export const VolumeByHourSchema = z.object({
  /** Hour of day 0-23 in the requested time zone, summed over the period; always 24 entries. */
  hour: z.number().int().min(0).max(23),
  conversations: z.number().int().nonnegative(),
  tickets: z.number().int().nonnegative(),
});

export const AnalyticsReportSchema = z.object({
  request: z.object({
    from: z.string(),
    to: z.string(),
    timeZone: z.string(),
    agentId: IdSchema.nullable(),
    departmentId: IdSchema.nullable(),
  }),
  /** The period as instants: start included, end excluded. */
  period: z.object({ start: IsoDateSchema, end: IsoDateSchema }),
  generatedAt: IsoDateSchema,
  totals: AnalyticsMetricsSchema,
  /**
   * Visitors who said a knowledge-base article solved their question, and their share of everyone
   * who sought help: deflections / (deflections + chats + offline messages), in % (1 decimal).
   * Null when the report is narrowed to an agent or a department (articles belong to neither).
   */
  deflection: z
    .object({ deflections: z.number().int().nonnegative(), ratePercent: z.number().min(0).max(100).nullable() })
    .nullable(),
  volume: z.object({ byDay: z.array(VolumeByDaySchema), byHour: z.array(VolumeByHourSchema) }),
  /** Ticket tags by how many tickets of the period carry them, most first (at most 20). */
  topTags: z.array(z.object({ tag: z.string(), tickets: z.number().int().positive() })),
  byAgent: z.array(AgentAnalyticsSchema),
  byDepartment: z.array(DepartmentAnalyticsSchema),
});
export type AnalyticsReport = z.infer<typeof AnalyticsReportSchema>;
