/**
 * What analytics reads from a store: counts and bare durations per agent and department, never
 * whole records, so a report over a year of a busy site moves numbers, not documents. The
 * domain folds the groups into totals, per-agent and per-department figures.
 */
import type { CountsBySource, TicketSource } from '@parley/shared';

export interface AnalyticsQuery {
  siteId: string;
  /** Records created at or after this instant (ISO)... */
  from: string;
  /** ...and before this one. */
  to: string;
  /**
   * Chats this agent holds or wrote the first answer of (a transfer does not take that from them),
   * and tickets assigned to them; the figures of tickets (analyticsTickets) also those they wrote the
   * first reply of (a reassignment does not take that from them either).
   */
  agentId?: string;
  departmentId?: string;
  /** SLA clocks still running are judged against this instant. */
  now: string;
}

/** Who a chat or ticket belongs to in the breakdowns (its assigned agent and its department). */
export interface AnalyticsGroup {
  agentId: string | null;
  departmentId: string | null;
}

export interface RatingTally {
  ratings: number;
  ratingSum: number;
  /** Ratings of 4 or 5. */
  ratingsSatisfied: number;
}

/**
 * Chats started in the period, per agent holding them (agentId), agent who answered them first,
 * and department. The domain credits the answer to the responder (analytics-credit.ts).
 */
export interface ConversationGroupRow extends AnalyticsGroup, RatingTally {
  /**
   * Who wrote the chats' first answer to the visitor. Null when unanswered, or answered before the
   * store recorded it and nothing told who (the holder keeps the answer then, as it always had).
   */
  firstResponderId: string | null;
  conversations: number;
  /** With at least one agent answer. */
  answered: number;
  /** Resolved live, without becoming a ticket. */
  resolvedInChat: number;
  /** Chats that became tickets, by the ticket's source. */
  escalationsBySource: CountsBySource;
  /** Start to the first agent answer, of the chats with one. */
  firstResponseSeconds: number[];
  /** Start to resolution, of the chats resolved live. */
  resolutionSeconds: number[];
}

/**
 * Tickets created in the period, per agent assigned (agentId), agent who replied first, department
 * and source. The domain credits the first response to the responder (analytics-credit.ts).
 */
export interface TicketGroupRow extends AnalyticsGroup, RatingTally {
  /**
   * Who wrote the first public reply of the tickets' current tier (the one firstResponseSeconds
   * measures). Null when unanswered, or answered before the store recorded it and nothing told who
   * (the assignee keeps the response then, as it always had).
   */
  firstResponderId: string | null;
  source: TicketSource;
  tickets: number;
  /** Solved or closed. */
  resolved: number;
  firstResponseBreaches: number;
  resolutionBreaches: number;
  /** Tickets with either breach (a ticket with both counts once). */
  breached: number;
  /** Creation to the first agent reply, of the tickets with one. */
  firstResponseSeconds: number[];
  /** Creation to solved (or closed), of the tickets solved or closed. */
  resolutionSeconds: number[];
}

/** Arrivals in one 15-minute UTC slot: fine enough to regroup into the hours of any time zone. */
export interface VolumeSlot {
  /** The slot's first instant, ISO in UTC. */
  start: string;
  conversations: number;
  tickets: number;
}

export interface TagCount {
  tag: string;
  tickets: number;
}

export interface AnalyticsStore {
  analyticsConversations(query: AnalyticsQuery): Promise<ConversationGroupRow[]>;
  analyticsTickets(query: AnalyticsQuery): Promise<TicketGroupRow[]>;
  /** Only slots with arrivals, in any order. */
  analyticsVolume(query: AnalyticsQuery): Promise<VolumeSlot[]>;
  /** Most used tags first; ties by name. */
  analyticsTopTags(query: AnalyticsQuery, limit: number): Promise<TagCount[]>;
  /**
   * Visitors who said an offered knowledge-base article solved their question (each visitor's
   * latest word per article), site-wide: articles belong to no agent or department.
   */
  analyticsDeflections(query: AnalyticsQuery): Promise<number>;
}
