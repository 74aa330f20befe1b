/** /admin/api-tokens: admins create (token shown once), list and revoke API tokens, from their own session. */
import { ApiTokenSchema, CreatedApiTokenSchema, IdSchema, NewApiTokenSchema, dataSchemaOf } from '@parley/shared';
import { z } from 'zod';
import type { ApiServices } from '../api-services';
import { defineRoute, type ApiRoute } from '../route-table';

const tags = ['API tokens'];
const access = 'admin-session';

export function apiTokenRoutes({ apiTokens }: ApiServices): ApiRoute[] {
  return [
    defineRoute({
      method: 'get', path: '/admin/api-tokens', operationId: 'listApiTokens', tags, scope: 'read', access,
      summary: 'List API tokens, revoked ones included (admin session only)',
      response: z.object({ data: z.array(ApiTokenSchema) }),
      handle: async ({ caller }) => ({ data: await apiTokens.list(caller.agent) }),
    }),
    defineRoute({
      method: 'post', path: '/admin/api-tokens', operationId: 'createApiToken', tags, scope: 'write', access, status: 201,
      summary: 'Create an API token; the token is in this answer and nowhere else, ever',
      body: NewApiTokenSchema,
      response: dataSchemaOf(CreatedApiTokenSchema),
      handle: async ({ caller, body }) => ({ data: await apiTokens.create(caller.agent, body) }),
    }),
    defineRoute({
      method: 'delete', path: '/admin/api-tokens/{tokenId}', operationId: 'revokeApiToken', tags, scope: 'write', access,
      summary: 'Revoke an API token at once',
      params: z.strictObject({ tokenId: IdSchema }),
      response: dataSchemaOf(ApiTokenSchema),
      handle: async ({ caller, params }) => ({ data: await apiTokens.revoke(caller.agent, params.tokenId) }),
    }),
  ];
}
