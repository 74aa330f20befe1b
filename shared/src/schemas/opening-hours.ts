/** A site's opening hours: weekly ranges in a time zone, and holidays when it is closed. */
import { z } from 'zod';

const TimeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be HH:MM');

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const OpeningRangeSchema = z
  .strictObject({ from: TimeOfDaySchema, to: TimeOfDaySchema })
  .refine((r) => r.from < r.to, 'from must be before to');

export const OpeningHoursSchema = z.strictObject({
  timeZone: z.string().min(1).max(64).refine((zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'must be an IANA time zone such as Europe/Minsk'),
  week: z.strictObject(Object.fromEntries(WEEKDAYS.map((d) => [d, z.array(OpeningRangeSchema).max(4)])) as Record<Weekday, z.ZodArray<typeof OpeningRangeSchema>>),
  /** Dates (YYYY-MM-DD, in the site's zone) when the team is away all day. */
  holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).max(100).default([]),
});
export type OpeningHours = z.infer<typeof OpeningHoursSchema>;
