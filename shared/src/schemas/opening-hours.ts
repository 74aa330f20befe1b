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

/**
 * Each day of a week whose ranges overlap, as the path of that day: overlapping ranges would make
 * the opening hours say one thing and the SLA clocks count another. Not a refinement of the schema
 * itself: the settings schema also reads what is stored, and hours saved before this rule must still
 * be read (a failed read falls back to every default; the clock arithmetic merges overlaps anyway).
 * Patches are checked instead. Ranges in any order are accepted; only an overlap is refused.
 */
export function openingRangeOverlaps(
  week: Partial<Record<Weekday, { from: string; to: string }[]>> | undefined,
): { path: string[]; message: string }[] {
  const problems: { path: string[]; message: string }[] = [];
  for (const day of WEEKDAYS) {
    // HH:MM strings order as times do ("24:00" last); a range that ends before it starts is refused on its own.
    const ranges = (week?.[day] ?? []).filter((r) => r.from < r.to).sort((a, b) => a.from.localeCompare(b.from));
    let before: { from: string; to: string } | undefined;
    for (const after of ranges) {
      if (before && after.from < before.to) {
        problems.push({
          path: ['openingHours', 'week', day],
          message: `must not overlap: ${before.from}–${before.to} and ${after.from}–${after.to} share open time`,
        });
        break;
      }
      before = after;
    }
  }
  return problems;
}
