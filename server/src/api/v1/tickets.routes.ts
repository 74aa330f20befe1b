/** /v1/tickets: the console's ticket list by cursor, the timeline, creating, updating, replying. */
import {
  ApiTicketCreateSchema,
  ApiTicketListQuerySchema,
  IdSchema,
  TicketReplySchema,
  TicketSchema,
  TicketUpdateSchema,
  TicketWithTimelineSchema,
  dataSchemaOf,
  pageSchemaOf,
} from '@parley/shared';
import { z } from 'zod';
import type { ApiServices } from '../api-services';
import { defineRoute, type ApiRoute } from '../route-table';

const tags = ['Tickets'];
const TicketParams = z.strictObject({ ticketId: IdSchema });

export function ticketRoutes({ listing, tickets, intake }: ApiServices): ApiRoute[] {
  return [
    defineRoute({
      method: 'get', path: '/v1/tickets', operationId: 'listTickets', tags, scope: 'read',
      summary: 'List tickets with the console’s views and filters',
      description: 'Repeat `status`, `priority` and `tier` for several values. `view=mine` means the agent behind the token.',
      query: ApiTicketListQuerySchema,
      response: pageSchemaOf(TicketSchema),
      handle: ({ caller, query }) => listing.tickets(caller.agent, query),
    }),
    defineRoute({
      method: 'post', path: '/v1/tickets', operationId: 'createTicket', tags, scope: 'write', status: 201,
      summary: 'Open a ticket on a requester’s behalf',
      description: 'The requester gets the "we received your request" e-mail when an address is given.',
      body: ApiTicketCreateSchema,
      response: dataSchemaOf(TicketSchema),
      handle: async ({ caller, body }) => ({ data: await intake.createByAgent(caller.agent, body) }),
    }),
    defineRoute({
      method: 'get', path: '/v1/tickets/{ticketId}', operationId: 'getTicket', tags, scope: 'read',
      summary: 'Get a ticket with its timeline (internal notes included)',
      params: TicketParams,
      response: dataSchemaOf(TicketWithTimelineSchema),
      handle: async ({ caller, params }) => ({ data: await tickets.open(caller.agent, params.ticketId) }),
    }),
    defineRoute({
      method: 'patch', path: '/v1/tickets/{ticketId}', operationId: 'updateTicket', tags, scope: 'write',
      summary: 'Change status, priority, tier, assignee, department, tags or subject',
      params: TicketParams,
      body: TicketUpdateSchema,
      response: dataSchemaOf(TicketSchema),
      handle: async ({ caller, params, body }) => ({ data: await tickets.update(caller.agent, params.ticketId, body) }),
    }),
    defineRoute({
      method: 'post', path: '/v1/tickets/{ticketId}/replies', operationId: 'replyToTicket', tags, scope: 'write', status: 201,
      summary: 'Reply to the requester (e-mailed) or add an internal note',
      params: TicketParams,
      description:
        'Files go with a reply as ids from `POST /api/attachments?ticketId=…` (the raw file as the body, with this token; a read-write one), ' +
        'at most five; then `text` may be empty. The requester downloads them from their request\'s page.',
      body: TicketReplySchema,
      response: dataSchemaOf(TicketSchema),
      handle: async ({ caller, params, body }) => ({ data: await tickets.reply(caller.agent, params.ticketId, body) }),
    }),
  ];
}
