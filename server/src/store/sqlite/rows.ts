/** Row shapes of the SQLite tables and their mapping to the domain's plain objects. */
import type { Agent, Conversation, Message, MessageAuthor, Site } from '@parley/shared';
import type { AgentWithSecret, Visitor } from '../store';

export interface SiteRow { id: string; key: string; name: string; created_at: string }
export interface AgentRow {
  id: string; site_id: string; email: string; name: string; role: Agent['role'];
  status: Agent['status']; active: number; password_hash: string;
}
export interface VisitorRow {
  id: string; site_id: string; name: string | null; email: string | null;
  locale: string | null; created_at: string;
}
export interface ConversationRow {
  id: string; site_id: string; visitor_id: string; visitor_name: string | null;
  status: Conversation['status']; assigned_agent_id: string | null; locale: string | null;
  last_seq: number; created_at: string; updated_at: string;
}
export interface MessageRow {
  id: string; conversation_id: string; seq: number; client_id: string;
  author_kind: MessageAuthor['kind']; author_id: string | null; author_name: string | null;
  text: string; created_at: string;
}

export const toSite = (r: SiteRow): Site => ({ id: r.id, key: r.key, name: r.name, createdAt: r.created_at });

export const toAgent = (r: AgentRow): Agent => ({
  id: r.id, siteId: r.site_id, email: r.email, name: r.name, role: r.role,
  status: r.status, active: r.active === 1,
});

export const toAgentWithSecret = (r: AgentRow): AgentWithSecret => ({
  ...toAgent(r), passwordHash: r.password_hash,
});

export const toVisitor = (r: VisitorRow): Visitor => ({
  id: r.id, siteId: r.site_id, name: r.name, email: r.email, locale: r.locale, createdAt: r.created_at,
});

export const toConversation = (r: ConversationRow): Conversation => ({
  id: r.id, siteId: r.site_id, visitorId: r.visitor_id, visitorName: r.visitor_name,
  status: r.status, assignedAgentId: r.assigned_agent_id, locale: r.locale,
  lastSeq: r.last_seq, createdAt: r.created_at, updatedAt: r.updated_at,
});

function toAuthor(r: MessageRow): MessageAuthor {
  switch (r.author_kind) {
    case 'visitor':
      return { kind: 'visitor', id: r.author_id ?? '', name: r.author_name };
    case 'agent':
      return { kind: 'agent', id: r.author_id ?? '', name: r.author_name ?? '' };
    case 'system':
      return { kind: 'system' };
  }
}

export const toMessage = (r: MessageRow): Message => ({
  id: r.id, conversationId: r.conversation_id, seq: r.seq, clientId: r.client_id,
  author: toAuthor(r), text: r.text, createdAt: r.created_at,
});

export function authorColumns(author: MessageAuthor): { kind: string; id: string | null; name: string | null } {
  switch (author.kind) {
    case 'visitor':
    case 'agent':
      return { kind: author.kind, id: author.id, name: author.name };
    case 'system':
      return { kind: 'system', id: null, name: null };
  }
}
