/** Builds realistic shared-contract objects for widget tests. */
import type { Conversation, Message, MessageAuthor } from '@parley/shared';

export const agentAuthor: MessageAuthor = { kind: 'agent', id: 'agent_0001', name: 'Anna' };
export const visitorAuthor: MessageAuthor = { kind: 'visitor', id: 'visitor_0001', name: null };
export const systemAuthor: MessageAuthor = { kind: 'system' };

export function aMessage(overrides: Partial<Message> & { seq: number }): Message {
  return {
    id: `message_${overrides.seq}_${overrides.conversationId ?? 'c1'}`,
    conversationId: 'conversation_1',
    clientId: `client_${overrides.seq}_000`,
    author: visitorAuthor,
    text: `message ${overrides.seq}`,
    internal: false,
    createdAt: new Date(Date.UTC(2025, 0, 1, 12, 0, overrides.seq)).toISOString(),
    ...overrides,
  };
}

/** Every field the contract has had; cast because the schema keeps growing fields the widget ignores. */
const conversationDefaults = {
  id: 'conversation_1',
  siteId: 'site_0001',
  visitorId: 'visitor_0001',
  visitorName: null,
  status: 'queued',
  assignedAgentId: null,
  participantAgentIds: [],
  departmentId: null,
  locale: 'en',
  lastSeq: 0,
  createdAt: '2025-01-01T12:00:00.000Z',
  updatedAt: '2025-01-01T12:00:00.000Z',
  queuedAt: '2025-01-01T12:00:00.000Z',
  assignedAt: null,
  firstResponseAt: null,
  awaitingAgentSince: null,
  resolvedAt: null,
};

export function aConversation(overrides: Partial<Conversation> = {}): Conversation {
  return { ...conversationDefaults, ...overrides } as Conversation;
}
