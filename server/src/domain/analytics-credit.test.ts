/** Whose row a chat lands in: the holder keeps the outcome, the first responder the answer. */
import { TICKET_SOURCES, type CountsBySource } from '@parley/shared';
import type { ConversationGroupRow, TicketGroupRow } from '../store/analytics.store';
import { conversationsCreditedTo, creditedConversations, creditedTickets, ticketsCreditedTo } from './analytics-credit';

const escalations = (chatTimeout: number) =>
  ({ ...Object.fromEntries(TICKET_SOURCES.map((source) => [source, 0])), chat_timeout: chatTimeout }) as CountsBySource;

/** One chat Carl holds (resolved, rated 5) that `responder` answered first in 30 s. */
const heldByCarl = (responder: string | null): ConversationGroupRow => ({
  agentId: 'carl', firstResponderId: responder, departmentId: 'sales', conversations: 1, answered: 1, resolvedInChat: 1,
  escalationsBySource: escalations(0), ratings: 1, ratingSum: 5, ratingsSatisfied: 1, firstResponseSeconds: [30], resolutionSeconds: [600],
});

test('a chat answered by someone else counts for both; the answer is only the responder’s, the outcome only the holder’s', () => {
  const [carl, eve] = creditedConversations([heldByCarl('eve')]);
  expect(carl).toMatchObject({ agentId: 'carl', conversations: 1, answered: 0, firstResponseSeconds: [], resolvedInChat: 1, ratings: 1 });
  expect(eve).toMatchObject({
    agentId: 'eve', departmentId: 'sales', conversations: 1, answered: 1, firstResponseSeconds: [30],
    resolvedInChat: 0, ratings: 0, ratingSum: 0, resolutionSeconds: [], escalationsBySource: escalations(0),
  });
});

test('answered by the holder, or by nobody anyone recorded, the chat is all the holder’s', () => {
  expect(creditedConversations([heldByCarl('carl')])).toEqual([heldByCarl('carl')]);
  expect(creditedConversations([heldByCarl(null)])).toEqual([heldByCarl(null)]);
});

test('narrowed to one agent, only their share is left', () => {
  expect(conversationsCreditedTo([heldByCarl('eve')], 'eve').map((row) => [row.agentId, row.answered, row.resolvedInChat])).toEqual([['eve', 1, 0]]);
  expect(conversationsCreditedTo([heldByCarl('eve')], 'carl').map((row) => [row.agentId, row.answered, row.resolvedInChat])).toEqual([['carl', 0, 1]]);
});

/** One ticket assigned to Ben (solved, breached, rated 4) that `responder` replied to first in 600 s. */
const assignedToBen = (responder: string | null): TicketGroupRow => ({
  agentId: 'ben', firstResponderId: responder, departmentId: 'support', source: 'offline_form', tickets: 1, resolved: 1,
  firstResponseBreaches: 0, resolutionBreaches: 1, breached: 1, ratings: 1, ratingSum: 4, ratingsSatisfied: 1,
  firstResponseSeconds: [600], resolutionSeconds: [7500],
});

test('a ticket answered first by someone else stays the assignee’s; only the response and its time are the responder’s', () => {
  const [ben, ann] = creditedTickets([assignedToBen('ann')]);
  expect(ben).toMatchObject({ agentId: 'ben', tickets: 1, resolved: 1, breached: 1, ratings: 1, firstResponseSeconds: [], resolutionSeconds: [7500] });
  expect(ann).toEqual({
    agentId: 'ann', firstResponderId: 'ann', departmentId: 'support', source: 'offline_form', tickets: 0, resolved: 0,
    firstResponseBreaches: 0, resolutionBreaches: 0, breached: 0, ratings: 0, ratingSum: 0, ratingsSatisfied: 0,
    firstResponseSeconds: [600], resolutionSeconds: [],
  });
  expect(creditedTickets([assignedToBen('ben')])).toEqual([assignedToBen('ben')]);
  expect(creditedTickets([assignedToBen(null)])).toEqual([assignedToBen(null)]);
  expect(ticketsCreditedTo([assignedToBen('ann')], 'ann').map((row) => [row.agentId, row.tickets, row.firstResponseSeconds])).toEqual([['ann', 0, [600]]]);
});
