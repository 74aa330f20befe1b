/** Folds the store's grouped counts and bare durations into report figures: totals, or per agent or department. */
import {
  TICKET_SOURCES,
  type AnalyticsMetrics,
  type CountsBySource,
  type DurationStats,
  type Satisfaction,
  type TicketSource,
} from '@parley/shared';
import type { AnalyticsGroup, ConversationCountsRow, DurationRow, TicketCountsRow } from '../store/analytics.store';

/** The sources under which a chat counts as missed: nobody took it in time, or the visitor gave up unanswered. */
const MISSED_SOURCES: ReadonlySet<TicketSource> = new Set<TicketSource>(['chat_timeout', 'visitor_left']);

export interface AnalyticsRows {
  conversationCounts: ConversationCountsRow[];
  ticketCounts: TicketCountsRow[];
  conversationDurations: DurationRow[];
  ticketDurations: DurationRow[];
}

/**
 * The p-th percentile (0-1) of ascending values, interpolating linearly between the closest
 * ranks (numpy's default, Excel's PERCENTILE.INC): the median of 1, 2, 3, 4 is 2.5.
 */
export function percentile(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = (sorted.length - 1) * p;
  const below = Math.floor(rank);
  const low = sorted[below] as number;
  const high = sorted[Math.min(below + 1, sorted.length - 1)] as number;
  return low + (high - low) * (rank - below);
}

const roundTo = (value: number, decimals: number): number => {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
};

export function durationStats(values: readonly number[]): DurationStats {
  const sorted = Float64Array.from(values).sort();
  const at = (p: number) => {
    const value = percentile(sorted, p);
    return value === null ? null : roundTo(value, 3);
  };
  return { count: sorted.length, medianSeconds: at(0.5), p90Seconds: at(0.9) };
}

interface RatingTally {
  ratings: number;
  ratingSum: number;
  ratingsSatisfied: number;
}

export function satisfactionOf(tally: RatingTally): Satisfaction {
  if (tally.ratings === 0) return { count: 0, average: null, csatPercent: null };
  return {
    count: tally.ratings,
    average: roundTo(tally.ratingSum / tally.ratings, 2),
    csatPercent: roundTo((tally.ratingsSatisfied / tally.ratings) * 100, 1),
  };
}

const zeroBySource = (): CountsBySource =>
  Object.fromEntries(TICKET_SOURCES.map((source) => [source, 0])) as CountsBySource;

const addTally = (into: RatingTally, row: RatingTally): void => {
  into.ratings += row.ratings;
  into.ratingSum += row.ratingSum;
  into.ratingsSatisfied += row.ratingsSatisfied;
};

function collect(rows: DurationRow[], field: 'firstResponseSeconds' | 'resolutionSeconds'): number[] {
  const values: number[] = [];
  for (const row of rows) {
    const value = row[field];
    if (value !== null) values.push(value);
  }
  return values;
}

/** The figures of one slice from the rows that belong to it. */
export function metricsOf(rows: AnalyticsRows): AnalyticsMetrics {
  const chats = { conversations: 0, answered: 0, missed: 0, resolvedInChat: 0, escalated: 0 };
  const escalationsBySource = zeroBySource();
  const chatRatings: RatingTally = { ratings: 0, ratingSum: 0, ratingsSatisfied: 0 };
  for (const row of rows.conversationCounts) {
    chats.conversations += row.conversations;
    chats.answered += row.answered;
    addTally(chatRatings, row);
    if (row.ticketSource === null) {
      chats.resolvedInChat += row.resolved;
      continue;
    }
    chats.escalated += row.conversations;
    escalationsBySource[row.ticketSource] += row.conversations;
    if (MISSED_SOURCES.has(row.ticketSource)) chats.missed += row.conversations;
  }

  const tickets = { tickets: 0, ticketsResolved: 0 };
  const ticketsBySource = zeroBySource();
  const slaBreaches = { tickets: 0, firstResponse: 0, resolution: 0 };
  const ticketRatings: RatingTally = { ratings: 0, ratingSum: 0, ratingsSatisfied: 0 };
  for (const row of rows.ticketCounts) {
    tickets.tickets += row.tickets;
    tickets.ticketsResolved += row.resolved;
    ticketsBySource[row.source] += row.tickets;
    slaBreaches.tickets += row.breached;
    slaBreaches.firstResponse += row.firstResponseBreaches;
    slaBreaches.resolution += row.resolutionBreaches;
    addTally(ticketRatings, row);
  }

  const overall: RatingTally = { ratings: 0, ratingSum: 0, ratingsSatisfied: 0 };
  addTally(overall, chatRatings);
  addTally(overall, ticketRatings);
  return {
    ...chats,
    escalationsBySource,
    ...tickets,
    ticketsBySource,
    firstResponse: {
      chats: durationStats(collect(rows.conversationDurations, 'firstResponseSeconds')),
      tickets: durationStats(collect(rows.ticketDurations, 'firstResponseSeconds')),
    },
    resolution: {
      chats: durationStats(collect(rows.conversationDurations, 'resolutionSeconds')),
      tickets: durationStats(collect(rows.ticketDurations, 'resolutionSeconds')),
    },
    slaBreaches,
    satisfaction: {
      chats: satisfactionOf(chatRatings),
      tickets: satisfactionOf(ticketRatings),
      overall: satisfactionOf(overall),
    },
  };
}

const emptyRows = (): AnalyticsRows => ({ conversationCounts: [], ticketCounts: [], conversationDurations: [], ticketDurations: [] });

/** The figures per agent or per department (null: none assigned), in one pass over the rows. */
export function metricsBy(rows: AnalyticsRows, key: keyof AnalyticsGroup): Map<string | null, AnalyticsMetrics> {
  const slices = new Map<string | null, AnalyticsRows>();
  const sliceOf = (row: AnalyticsGroup): AnalyticsRows => {
    const id = row[key];
    let slice = slices.get(id);
    if (!slice) {
      slice = emptyRows();
      slices.set(id, slice);
    }
    return slice;
  };
  for (const row of rows.conversationCounts) sliceOf(row).conversationCounts.push(row);
  for (const row of rows.ticketCounts) sliceOf(row).ticketCounts.push(row);
  for (const row of rows.conversationDurations) sliceOf(row).conversationDurations.push(row);
  for (const row of rows.ticketDurations) sliceOf(row).ticketDurations.push(row);
  return new Map([...slices].map(([id, slice]) => [id, metricsOf(slice)]));
}
