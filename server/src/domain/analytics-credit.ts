/**
 * Whose row each chat's and ticket's figures land in. A chat counts for the agent holding it now (its
 * outcome, rating and resolution are theirs) and for the agent who wrote its first answer (the answer
 * and its time are theirs): after Eve answers and hands the chat to Carl, Eve keeps the response and
 * Carl gains none. A chat two agents worked on counts in both their rows, so the per-agent chats
 * add up to more than the total; the totals and the departments count every chat once.
 * A ticket is the assignee's (it, its resolution, breaches and rating); only its first response and
 * that time go to whoever replied first, so a tier-1 agent keeps the answer after an escalation.
 */
import { TICKET_SOURCES, type CountsBySource } from '@parley/shared';
import type { ConversationGroupRow, TicketGroupRow } from '../store/analytics.store';

const noEscalations = (): CountsBySource => Object.fromEntries(TICKET_SOURCES.map((source) => [source, 0])) as CountsBySource;

/** The holder's share and, when someone else answered first, the responder's. */
function sharesOf(row: ConversationGroupRow): ConversationGroupRow[] {
  const responder = row.firstResponderId;
  // Unanswered, answered by the holder, or answered before the responder was recorded: all the holder's.
  if (responder === null || responder === row.agentId) return [row];
  return [
    { ...row, answered: 0, firstResponseSeconds: [] },
    {
      agentId: responder, firstResponderId: responder, departmentId: row.departmentId,
      conversations: row.conversations, answered: row.answered, firstResponseSeconds: row.firstResponseSeconds,
      resolvedInChat: 0, escalationsBySource: noEscalations(), ratings: 0, ratingSum: 0, ratingsSatisfied: 0, resolutionSeconds: [],
    },
  ];
}

/** The chat groups re-keyed by the agent they credit (agentId), one chat in up to two agents' rows. */
export function creditedConversations(rows: readonly ConversationGroupRow[]): ConversationGroupRow[] {
  return rows.flatMap(sharesOf);
}

/**
 * One agent's share of the chat groups a report narrowed to them read (those they hold or answered
 * first): what a chat credits its other agent is not theirs.
 */
export function conversationsCreditedTo(rows: readonly ConversationGroupRow[], agentId: string): ConversationGroupRow[] {
  return creditedConversations(rows).filter((row) => row.agentId === agentId);
}

/** The assignee's share and, when someone else replied first, the responder's: the response alone. */
function ticketSharesOf(row: TicketGroupRow): TicketGroupRow[] {
  const responder = row.firstResponderId;
  // Unanswered, answered by the assignee, or answered before the responder was recorded: all the assignee's.
  if (responder === null || responder === row.agentId) return [row];
  return [
    { ...row, firstResponseSeconds: [] },
    {
      agentId: responder, firstResponderId: responder, departmentId: row.departmentId, source: row.source,
      tickets: 0, resolved: 0, firstResponseBreaches: 0, resolutionBreaches: 0, breached: 0,
      ratings: 0, ratingSum: 0, ratingsSatisfied: 0, firstResponseSeconds: row.firstResponseSeconds, resolutionSeconds: [],
    },
  ];
}

/** The ticket groups re-keyed by the agent they credit (agentId): the responses moved to their authors. */
export function creditedTickets(rows: readonly TicketGroupRow[]): TicketGroupRow[] {
  return rows.flatMap(ticketSharesOf);
}

/** One agent's share of the ticket groups a report narrowed to them read (assigned to them or answered first by them). */
export function ticketsCreditedTo(rows: readonly TicketGroupRow[], agentId: string): TicketGroupRow[] {
  return creditedTickets(rows).filter((row) => row.agentId === agentId);
}
