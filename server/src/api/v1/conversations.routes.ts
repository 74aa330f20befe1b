/** /v1/conversations and their messages. */
import {
  ApiMessageSendSchema,
  ConversationListQuerySchema,
  ConversationSchema,
  IdSchema,
  MessageListQuerySchema,
  MessageSchema,
  dataSchemaOf,
  pageSchemaOf,
} from '@parley/shared';
import { z } from 'zod';
import { newId } from '../../tokens';
import type { ApiServices } from '../api-services';
import { defineRoute, type ApiRoute } from '../route-table';

const tags = ['Conversations'];
const ConversationParams = z.strictObject({ conversationId: IdSchema });

export function conversationRoutes({ listing, conversations }: ApiServices): ApiRoute[] {
  return [
    defineRoute({
      method: 'get', path: '/v1/conversations', operationId: 'listConversations', tags, scope: 'read',
      summary: 'List conversations, newest first',
      description: 'Filter by status (repeat the parameter for several), assigned agent, department and creation time.',
      query: ConversationListQuerySchema,
      response: pageSchemaOf(ConversationSchema),
      handle: ({ caller, query }) => listing.conversations(caller.agent, query),
    }),
    defineRoute({
      method: 'get', path: '/v1/conversations/{conversationId}', operationId: 'getConversation', tags, scope: 'read',
      summary: 'Get a conversation',
      params: ConversationParams,
      response: dataSchemaOf(ConversationSchema),
      handle: async ({ caller, params }) => ({ data: await listing.conversation(caller.agent, params.conversationId) }),
    }),
    defineRoute({
      method: 'get', path: '/v1/conversations/{conversationId}/messages', operationId: 'listMessages', tags, scope: 'read',
      summary: "List a conversation's messages in order",
      params: ConversationParams,
      query: MessageListQuerySchema,
      response: pageSchemaOf(MessageSchema),
      handle: ({ caller, params, query }) => listing.messages(caller.agent, params.conversationId, query),
    }),
    defineRoute({
      method: 'post', path: '/v1/conversations/{conversationId}/messages', operationId: 'sendMessage', tags, scope: 'write', status: 201,
      summary: 'Send a message as the agent behind the token',
      description:
        'A reply claims a queued conversation first, as in the console. Send a `clientId` to make retries safe: ' +
        'the same `clientId` returns the message stored the first time.',
      params: ConversationParams,
      body: ApiMessageSendSchema,
      response: dataSchemaOf(MessageSchema),
      handle: async ({ caller, params, body }) => ({
        data: await conversations.agentSend(caller.agent, {
          conversationId: params.conversationId, clientId: body.clientId ?? `api-${newId()}`, text: body.text, internal: body.internal,
        }),
      }),
    }),
  ];
}
