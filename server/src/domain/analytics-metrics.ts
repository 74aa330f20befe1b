/** Folds the store's grouped counts and bare durations into report figures: totals, or per agent or department. */
import {
  TICKET_SOURCES,
  type AnalyticsMetrics,
  type CountsBySource,
  type DurationStats,
  type Satisfaction,
  type TicketSource,
} from '@parley/shared';
import type { AnalyticsGroup, ConversationGroupRow, RatingTally, TicketGroupRow } from '../store/analytics.store';

/** The sources under which a chat counts as missed: nobody answered in time, or the visitor gave up unanswered. */
const MISSED_SOURCES: readonly TicketSource[] = ['chat_timeout', 'visitor_left'];

export interface AnalyticsRows {
  conversations: ConversationGroupRow[];
  tickets: TicketGroupRow[];
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

/** All the durations of some groups, in one list. */
function pooled<Row>(rows: readonly Row[], field: (row: Row) => number[]): number[] {
  const values: number[] = [];
  for (const row of rows) for (const value of field(row)) values.push(value);
  return values;
}

/** The figures of one slice from the rows that belong to it. */
export function metricsOf(rows: AnalyticsRows): AnalyticsMetrics {
  const chats = { conversations: 0, answered: 0, missed: 0, resolvedInChat: 0, escalated: 0 };
  const escalationsBySource = zeroBySource();
  const chatRatings: RatingTally = { ratings: 0, ratingSum: 0, ratingsSatisfied: 0 };
  for (const row of rows.conversations) {
    chats.conversations += row.conversations;
    chats.answered += row.answered;
    chats.resolvedInChat += row.resolvedInChat;
    addTally(chatRatings, row);
    for (const source of TICKET_SOURCES) {
      escalationsBySource[source] += row.escalationsBySource[source];
      chats.escalated += row.escalationsBySource[source];
    }
  }
  chats.missed = MISSED_SOURCES.reduce((sum, source) => sum + escalationsBySource[source], 0);

  const tickets = { tickets: 0, ticketsResolved: 0 };
  const ticketsBySource = zeroBySource();
  const slaBreaches = { tickets: 0, firstResponse: 0, resolution: 0 };
  const ticketRatings: RatingTally = { ratings: 0, ratingSum: 0, ratingsSatisfied: 0 };
  for (const row of rows.tickets) {
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
      chats: durationStats(pooled(rows.conversations, (row) => row.firstResponseSeconds)),
      tickets: durationStats(pooled(rows.tickets, (row) => row.firstResponseSeconds)),
    },
    resolution: {
      chats: durationStats(pooled(rows.conversations, (row) => row.resolutionSeconds)),
      tickets: durationStats(pooled(rows.tickets, (row) => row.resolutionSeconds)),
    },
    slaBreaches,
    satisfaction: {
      chats: satisfactionOf(chatRatings),
      tickets: satisfactionOf(ticketRatings),
      overall: satisfactionOf(overall),
    },
  };
}

/** The figures per agent or per department (null: none assigned). */
export function metricsBy(rows: AnalyticsRows, key: keyof AnalyticsGroup): Map<string | null, AnalyticsMetrics> {
  const slices = new Map<string | null, AnalyticsRows>();
  const sliceOf = (row: AnalyticsGroup): AnalyticsRows => {
    const id = row[key];
    let slice = slices.get(id);
    if (!slice) {
      slice = { conversations: [], tickets: [] };
      slices.set(id, slice);
    }
    return slice;
  };
  for (const row of rows.conversations) sliceOf(row).conversations.push(row);
  for (const row of rows.tickets) sliceOf(row).tickets.push(row);
  return new Map([...slices].map(([id, slice]) => [id, metricsOf(slice)]));
}
