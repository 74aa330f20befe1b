/** /v1/agents and /v1/departments: who answers, and the teams chats are routed to. */
import {
  AgentSchema,
  DepartmentSchema,
  IdSchema,
  NewDepartmentSchema,
  PageQuerySchema,
  dataSchemaOf,
  pageSchemaOf,
} from '@parley/shared';
import { z } from 'zod';
import type { ApiServices } from '../api-services';
import { defineRoute, NoContentSchema, type ApiRoute } from '../route-table';

export function teamRoutes({ listing, admin }: ApiServices): ApiRoute[] {
  return [
    defineRoute({
      method: 'get', path: '/v1/agents', operationId: 'listAgents', tags: ['Agents'], scope: 'read',
      summary: 'List agents by name',
      query: PageQuerySchema,
      response: pageSchemaOf(AgentSchema),
      handle: ({ caller, query }) => listing.agents(caller.agent, query),
    }),
    defineRoute({
      method: 'get', path: '/v1/agents/{agentId}', operationId: 'getAgent', tags: ['Agents'], scope: 'read',
      summary: 'Get an agent',
      params: z.strictObject({ agentId: IdSchema }),
      response: dataSchemaOf(AgentSchema),
      handle: async ({ caller, params }) => ({ data: await listing.agent(caller.agent, params.agentId) }),
    }),
    defineRoute({
      method: 'get', path: '/v1/departments', operationId: 'listDepartments', tags: ['Departments'], scope: 'read',
      summary: 'List departments by name',
      query: PageQuerySchema,
      response: pageSchemaOf(DepartmentSchema),
      handle: ({ caller, query }) => listing.departments(caller.agent, query),
    }),
    defineRoute({
      method: 'post', path: '/v1/departments', operationId: 'createDepartment', tags: ['Departments'], scope: 'write', status: 201,
      summary: 'Create a department (admins)',
      description: 'Refused with 409 ALREADY_TAKEN when the site has a department of that name, compared regardless of case and surrounding spaces.',
      body: NewDepartmentSchema,
      response: dataSchemaOf(DepartmentSchema),
      handle: async ({ caller, body }) => ({ data: await admin.createDepartment(caller.agent, body.name) }),
    }),
    defineRoute({
      method: 'patch', path: '/v1/departments/{departmentId}', operationId: 'renameDepartment', tags: ['Departments'], scope: 'write',
      summary: 'Rename a department (admins)',
      description: 'Refused with 409 ALREADY_TAKEN when the site has a department of that name, compared regardless of case and surrounding spaces.',
      params: z.strictObject({ departmentId: IdSchema }),
      body: NewDepartmentSchema,
      response: dataSchemaOf(DepartmentSchema),
      handle: async ({ caller, params, body }) => ({ data: await admin.renameDepartment(caller.agent, params.departmentId, body.name) }),
    }),
    defineRoute({
      method: 'delete', path: '/v1/departments/{departmentId}', operationId: 'deleteDepartment', tags: ['Departments'], scope: 'write', status: 204,
      summary: 'Delete a department (admins)',
      description:
        'Refused with 409 DEPARTMENT_IN_USE while it is the site’s default department, holds open conversations or unsolved ' +
        'tickets, or its canned replies use shortcuts the site-wide ones already use; each `issues[].path` ' +
        '(`defaultDepartmentId`, `openConversations`, `unsolvedTickets`, `cannedReplies`) names one thing to move first. ' +
        'Otherwise agents’ department lists lose it and its canned replies become site-wide; resolved conversations and ' +
        'solved or closed tickets keep its id.',
      params: z.strictObject({ departmentId: IdSchema }),
      response: NoContentSchema,
      handle: async ({ caller, params }) => {
        await admin.deleteDepartment(caller.agent, params.departmentId);
        return undefined;
      },
    }),
  ];
}
