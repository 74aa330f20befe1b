/**
 * What analytics reads from a store: grouped counts and bare durations, never whole records, so
 * a report over a year of a busy site moves numbers, not documents. The domain folds them.
 */
import type { TicketSource } from '@parley/shared';

export interface AnalyticsQuery {
  siteId: string;
  /** Records created at or after this instant (ISO)... */
  from: string;
  /** ...and before this one. */
  to: string;
  /** Chats assigned to, and tickets assigned to, this agent. */
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

export interface ConversationCounts {
  conversations: number;
  /** With at least one agent answer. */
  answered: number;
  resolved: number;
  ratings: number;
  ratingSum: number;
  /** Ratings of 4 or 5. */
  ratingsSatisfied: number;
}

/** Chats started in the period, counted per agent, department and the source of the ticket they became. */
export interface ConversationCountsRow extends AnalyticsGroup, ConversationCounts {
  /** Null: the chat did not become a ticket. */
  ticketSource: TicketSource | null;
}

export interface TicketCounts {
  tickets: number;
  /** Solved or closed. */
  resolved: number;
  firstResponseBreaches: number;
  resolutionBreaches: number;
  /** Tickets with either breach (a ticket with both counts once). */
  breached: number;
  ratings: number;
  ratingSum: number;
  ratingsSatisfied: number;
}

/** Tickets created in the period, counted per agent, department and source. */
export interface TicketCountsRow extends AnalyticsGroup, TicketCounts {
  source: TicketSource;
}

/** One chat's or ticket's durations in seconds; null where the clock has not stopped (or does not apply). */
export interface DurationRow extends AnalyticsGroup {
  firstResponseSeconds: number | null;
  resolutionSeconds: number | null;
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
  analyticsConversationCounts(query: AnalyticsQuery): Promise<ConversationCountsRow[]>;
  /** Chats with an agent answer (first response) or resolved live (resolution). */
  analyticsConversationDurations(query: AnalyticsQuery): Promise<DurationRow[]>;
  analyticsTicketCounts(query: AnalyticsQuery): Promise<TicketCountsRow[]>;
  /** Tickets with a first reply (first response) or solved or closed (resolution). */
  analyticsTicketDurations(query: AnalyticsQuery): Promise<DurationRow[]>;
  /** Only slots with arrivals, in time order. */
  analyticsVolume(query: AnalyticsQuery): Promise<VolumeSlot[]>;
  /** Most used tags first; ties by name. */
  analyticsTopTags(query: AnalyticsQuery, limit: number): Promise<TagCount[]>;
  /**
   * Visitors whose question an offered knowledge-base article solved, site-wide (articles belong to
   * no agent or department); null when this store keeps no such record (yet).
   */
  analyticsDeflections(query: AnalyticsQuery): Promise<number | null>;
}
