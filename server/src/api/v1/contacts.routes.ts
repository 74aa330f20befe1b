/** /v1/contacts: the site's visitors, with their conversations and tickets. */
import { ContactDetailSchema, ContactListQuerySchema, ContactSchema, IdSchema, dataSchemaOf, pageSchemaOf } from '@parley/shared';
import { z } from 'zod';
import type { ApiServices } from '../api-services';
import { defineRoute, type ApiRoute } from '../route-table';

const tags = ['Contacts'];

export function contactRoutes({ listing }: ApiServices): ApiRoute[] {
  return [
    defineRoute({
      method: 'get', path: '/v1/contacts', operationId: 'listContacts', tags, scope: 'read',
      summary: 'List contacts (visitors), newest first',
      query: ContactListQuerySchema,
      response: pageSchemaOf(ContactSchema),
      handle: ({ caller, query }) => listing.contacts(caller.agent, query),
    }),
    defineRoute({
      method: 'get', path: '/v1/contacts/{contactId}', operationId: 'getContact', tags, scope: 'read',
      summary: 'Get a contact with their conversations and latest tickets',
      params: z.strictObject({ contactId: IdSchema }),
      response: dataSchemaOf(ContactDetailSchema),
      handle: async ({ caller, params }) => ({ data: await listing.contact(caller.agent, params.contactId) }),
    }),
  ];
}
