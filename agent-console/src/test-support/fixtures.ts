/** Plausible server data for tests, each overridable. */
import type { Agent, Conversation, Message } from '@parley/shared';

export const AGENT: Agent = {
  id: 'agent-ana-0001',
  siteId: 'site-0000001',
  email: 'ana@example.com',
  name: 'Ana',
  role: 'agent',
  status: 'online',
  active: true,
  departmentIds: [],
  languages: ['en'],
  maxChats: 4,
};

export const TOKEN = 'token-abcdefghijklmnopqrstuvwxyz';

let counter = 0;
const nextId = (prefix: string) => `${prefix}${String(++counter).padStart(8, '0')}`;

export function conversation(overrides: Partial<Conversation> = {}): Conversation {
  const at = '2030-01-02T10:00:00.000Z';
  return {
    id: nextId('conv'),
    siteId: AGENT.siteId,
    visitorId: nextId('visit'),
    visitorName: null,
    status: 'queued',
    assignedAgentId: null,
    participantAgentIds: [],
    departmentId: null,
    locale: 'en',
    lastSeq: 0,
    createdAt: at,
    updatedAt: at,
    queuedAt: at,
    assignedAt: null,
    firstResponseAt: null,
    awaitingAgentSince: null,
    resolvedAt: null,
    ticketId: null,
    rating: null,
    ratingComment: null,
    ...overrides,
  };
}

export function visitorMessage(of: Conversation, overrides: Partial<Message> = {}): Message {
  return {
    id: nextId('msg'),
    conversationId: of.id,
    seq: of.lastSeq + 1,
    clientId: nextId('client'),
    author: { kind: 'visitor', id: of.visitorId, name: of.visitorName },
    text: 'Hello?',
    internal: false,
    createdAt: '2030-01-02T10:01:00.000Z',
    ...overrides,
  };
}
