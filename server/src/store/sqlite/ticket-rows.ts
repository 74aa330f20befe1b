/** Row shapes of the ticket tables and their mapping to the shared types. */
import type { MessageAttachment, Ticket, TicketChange, TicketEvent } from '@parley/shared';

export interface TicketRow {
  id: string; site_id: string; number: number; conversation_id: string | null; visitor_id: string | null;
  subject: string; requester_name: string | null; requester_email: string | null; requester_locale: string;
  status: Ticket['status']; priority: Ticket['priority']; tier: number; department_id: string | null;
  assignee_agent_id: string | null; tags_json: string; source: Ticket['source']; created_at: string;
  updated_at: string; tier_started_at: string; first_response_due_at: string | null; resolution_due_at: string | null;
  first_responded_at: string | null; solved_at: string | null; closed_at: string | null; pending_since: string | null;
  sla_paused_minutes: number; rating: number | null; rating_comment: string | null;
}

export interface TicketEventRow {
  id: string; ticket_id: string; seq: number; kind: TicketEvent['kind']; author_kind: TicketEvent['authorKind'];
  author_id: string | null; author_name: string | null; text: string | null; changes_json: string; created_at: string;
  /** NULL for an event without files (every event stored before them). */
  attachments_json: string | null;
}

export const toTicket = (r: TicketRow): Ticket => ({
  id: r.id, siteId: r.site_id, number: r.number, conversationId: r.conversation_id, visitorId: r.visitor_id,
  subject: r.subject, requesterName: r.requester_name, requesterEmail: r.requester_email,
  requesterLocale: r.requester_locale, status: r.status, priority: r.priority, tier: r.tier as Ticket['tier'],
  departmentId: r.department_id, assigneeAgentId: r.assignee_agent_id, tags: JSON.parse(r.tags_json) as string[],
  source: r.source, createdAt: r.created_at, updatedAt: r.updated_at, tierStartedAt: r.tier_started_at,
  firstResponseDueAt: r.first_response_due_at, resolutionDueAt: r.resolution_due_at,
  firstRespondedAt: r.first_responded_at, solvedAt: r.solved_at, closedAt: r.closed_at,
  pendingSince: r.pending_since, slaPausedMinutes: r.sla_paused_minutes, rating: r.rating, ratingComment: r.rating_comment,
});

export const toTicketEvent = (r: TicketEventRow): TicketEvent => ({
  id: r.id, ticketId: r.ticket_id, seq: r.seq, kind: r.kind, authorKind: r.author_kind, authorId: r.author_id,
  authorName: r.author_name, text: r.text, changes: JSON.parse(r.changes_json) as TicketChange[],
  attachments: r.attachments_json ? (JSON.parse(r.attachments_json) as MessageAttachment[]) : [], createdAt: r.created_at,
});

/** Ticket fields -> column names, for patches. */
export const TICKET_COLUMNS: Record<string, string> = {
  status: 'status', priority: 'priority', tier: 'tier', assigneeAgentId: 'assignee_agent_id',
  departmentId: 'department_id', tags: 'tags_json', subject: 'subject', tierStartedAt: 'tier_started_at',
  firstResponseDueAt: 'first_response_due_at', resolutionDueAt: 'resolution_due_at',
  firstRespondedAt: 'first_responded_at', solvedAt: 'solved_at', closedAt: 'closed_at',
  pendingSince: 'pending_since', slaPausedMinutes: 'sla_paused_minutes', rating: 'rating', ratingComment: 'rating_comment',
  requesterEmail: 'requester_email', requesterName: 'requester_name', remindedAt: 'reminded_at',
};
