/** Ticket search on MongoDB: the filters, views and sort orders of the ticket list, as one aggregation. */
import type { PipelineStage } from 'mongoose';
import type { TicketSearch } from '../store';
import { accentFoldingRegExp } from './accent-folding-regexp';

const OPEN_STATUSES = ['new', 'open', 'pending', 'on_hold'];
// Whose SLA clocks are running: a pending ticket's stand still while the requester has the ball.
const CLOCKED_STATUSES = ['new', 'open', 'on_hold'];

/**
 * The earliest unmet deadline is before `at`. Unmet: the first-response deadline counts until the
 * first response; a ticket without a resolution deadline has none (as in the SQLite store).
 */
const dueBefore = (at: Date) => ({
  resolutionDueAt: { $ne: null },
  $or: [{ resolutionDueAt: { $lt: at } }, { firstRespondedAt: null, firstResponseDueAt: { $ne: null, $lt: at } }],
});

/** Every unmet deadline is at or after `at`. */
const dueNotBefore = (at: Date) => ({
  resolutionDueAt: { $gte: at },
  $or: [{ firstRespondedAt: { $ne: null } }, { firstResponseDueAt: null }, { firstResponseDueAt: { $gte: at } }],
});

function textMatch(search: string): object {
  // The server matches in UTF-8 mode ($regex is always UTF), so 'i' folds Cyrillic and other
  // scripts too, not only ASCII: MongoDB's own jstests/regex2.js finds "Тест" with /тест/i. Accents
  // are folded by the pattern itself.
  const pattern = accentFoldingRegExp(search);
  const asNumber = Number(search.replace(/^#/, ''));
  return {
    $or: [
      { subject: pattern }, { requesterEmail: pattern }, { requesterName: pattern },
      ...(Number.isInteger(asNumber) ? [{ number: asNumber }] : []),
    ],
  };
}

function viewClauses(search: TicketSearch): object[] {
  const now = new Date(search.now);
  switch (search.view) {
    case 'all':
      return [];
    case 'mine':
      return [{ assigneeAgentId: search.agentId }];
    case 'unassigned':
      return [{ assigneeAgentId: null, status: { $in: OPEN_STATUSES } }];
    case 'breached':
      return [{ status: { $in: CLOCKED_STATUSES } }, dueBefore(now)];
    case 'breaching_soon': {
      const soon = new Date(now.getTime() + search.breachingWithinMinutes * 60_000);
      return [{ status: { $in: CLOCKED_STATUSES } }, dueNotBefore(now), dueBefore(soon)];
    }
  }
}

/** The filter in plain MongoDB terms (an aggregation's $match is not cast by mongoose). */
export function ticketFilter(search: TicketSearch): { $and: object[] } {
  const clauses: object[] = [{ siteId: search.siteId }];
  const inList = (field: string, values: readonly unknown[] | undefined) => {
    if (values && values.length > 0) clauses.push({ [field]: { $in: values } });
  };
  inList('status', search.status);
  inList('priority', search.priority);
  inList('tier', search.tier);
  if (search.assigneeAgentId) clauses.push({ assigneeAgentId: search.assigneeAgentId });
  if (search.departmentId) clauses.push({ departmentId: search.departmentId });
  if (search.tag) clauses.push({ tags: search.tag });
  if (search.search) clauses.push(textMatch(search.search));
  return { $and: [...clauses, ...viewClauses(search)] };
}

const PRIORITY_RANK = {
  $switch: {
    branches: [
      { case: { $eq: ['$priority', 'urgent'] }, then: 4 },
      { case: { $eq: ['$priority', 'high'] }, then: 3 },
      { case: { $eq: ['$priority', 'normal'] }, then: 2 },
    ],
    default: 1,
  },
};
// The first-response deadline until there is a first response, then the resolution deadline.
const NEXT_DUE = {
  $cond: [
    { $eq: [{ $ifNull: ['$firstRespondedAt', null] }, null] },
    { $ifNull: ['$firstResponseDueAt', '$resolutionDueAt'] },
    '$resolutionDueAt',
  ],
};

export function ticketSortStages(sort: TicketSearch['sort']): PipelineStage[] {
  switch (sort) {
    case 'updated_desc':
      return [{ $sort: { updatedAt: -1, _id: -1 } }];
    case 'created_desc':
      return [{ $sort: { createdAt: -1, _id: -1 } }];
    case 'created_asc':
      return [{ $sort: { createdAt: 1, _id: 1 } }];
    case 'priority_desc':
      return [{ $addFields: { sortRank: PRIORITY_RANK } }, { $sort: { sortRank: -1, createdAt: 1, _id: 1 } }];
    case 'due_asc':
      return [{ $addFields: { sortDue: NEXT_DUE } }, { $sort: { sortDue: 1, createdAt: 1, _id: 1 } }];
  }
}
