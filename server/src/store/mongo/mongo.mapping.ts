/** Maps lean MongoDB documents to the domain's plain objects: string ids, ISO date strings. */
import type { Agent, Conversation, Message, MessageAuthor, Site } from '@parley/shared';
import type { AgentSession, AgentWithSecret, Visitor } from '../store';
import type { AgentDoc, AgentSessionDoc, ConversationDoc, MessageDoc, SiteDoc, VisitorDoc } from './mongo.models';

const iso = (date: Date): string => date.toISOString();

export const toSite = (d: SiteDoc): Site => ({ id: d._id, key: d.key, name: d.name, createdAt: iso(d.createdAt) });

export const toAgent = (d: AgentDoc): Agent => ({
  id: d._id, siteId: d.siteId, email: d.email, name: d.name, role: d.role, status: d.status, active: d.active,
});

export const toAgentWithSecret = (d: AgentDoc): AgentWithSecret => ({ ...toAgent(d), passwordHash: d.passwordHash });

export const toAgentSession = (d: AgentSessionDoc): AgentSession => ({
  agentId: d.agentId, expiresAt: iso(d.expiresAt),
});

export const toVisitor = (d: VisitorDoc): Visitor => ({
  id: d._id, siteId: d.siteId, name: d.name, email: d.email, locale: d.locale, createdAt: iso(d.createdAt),
});

export const toConversation = (d: ConversationDoc): Conversation => ({
  id: d._id, siteId: d.siteId, visitorId: d.visitorId, visitorName: d.visitorName, status: d.status,
  assignedAgentId: d.assignedAgentId, locale: d.locale, lastSeq: d.lastSeq,
  createdAt: iso(d.createdAt), updatedAt: iso(d.updatedAt),
});

function toAuthor(d: MessageDoc): MessageAuthor {
  switch (d.authorKind) {
    case 'visitor':
      return { kind: 'visitor', id: d.authorId ?? '', name: d.authorName };
    case 'agent':
      return { kind: 'agent', id: d.authorId ?? '', name: d.authorName ?? '' };
    case 'system':
      return { kind: 'system' };
  }
}

export const toMessage = (d: MessageDoc): Message => ({
  id: d._id, conversationId: d.conversationId, seq: d.seq, clientId: d.clientId,
  author: toAuthor(d), text: d.text, createdAt: iso(d.createdAt),
});

export function authorFields(author: MessageAuthor): Pick<MessageDoc, 'authorKind' | 'authorId' | 'authorName'> {
  switch (author.kind) {
    case 'visitor':
    case 'agent':
      return { authorKind: author.kind, authorId: author.id, authorName: author.name };
    case 'system':
      return { authorKind: 'system', authorId: null, authorName: null };
  }
}
