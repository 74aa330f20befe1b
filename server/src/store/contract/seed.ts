/** Small builders for the contract suite: a site, agents, a visitor and their open conversation, a ticket. */
import { z } from 'zod';
import {
  AgentSchema, ConversationSchema, MessageSchema, SiteSchema,
  type Agent, type Conversation, type Site, type Ticket,
} from '@parley/shared';
import { hashToken, newId, newSecretToken } from '../../tokens';
import type { Store, Visitor } from '../store';

/** The shared schemas made strict: a store that leaks `_id`, `__v` or a password hash fails them. */
export const plain = {
  site: z.strictObject(SiteSchema.shape),
  agent: z.strictObject(AgentSchema.shape),
  conversation: z.strictObject(ConversationSchema.shape),
  message: z.strictObject(MessageSchema.shape),
};

export const isIsoDate = (value: string): boolean => new Date(value).toISOString() === value;

export const uniqueEmail = (): string => `agent-${newId().toLowerCase()}@example.com`;

export function seedSite(store: Store): Promise<Site> {
  return store.createSite({ key: `site_${newId()}`, name: 'Acme Support' });
}

export function seedAgent(store: Store, siteId: string, email = uniqueEmail()): Promise<Agent> {
  return store.createAgent({ siteId, email, name: 'Ann Agent', role: 'agent', passwordHash: 'scrypt$not-a-real-hash' });
}

export function seedAgents(store: Store, siteId: string, count: number): Promise<Agent[]> {
  return Promise.all(Array.from({ length: count }, () => seedAgent(store, siteId)));
}

export function seedVisitor(store: Store, siteId: string): Promise<Visitor> {
  return store.createVisitor({ siteId, tokenHash: hashToken(newSecretToken()), locale: 'en' });
}

export async function seedConversation(
  store: Store,
  site?: Site,
): Promise<{ site: Site; visitor: Visitor; conversation: Conversation }> {
  const theSite = site ?? (await seedSite(store));
  const visitor = await seedVisitor(store, theSite.id);
  const { conversation } = await store.openConversation({
    siteId: theSite.id, visitorId: visitor.id, visitorName: 'Vera', locale: 'en',
  });
  return { site: theSite, visitor, conversation };
}

/** A new ticket from the offline form, without a chat. */
export async function seedTicket(store: Store, siteId: string): Promise<Ticket> {
  const { ticket } = await store.createTicket({
    ticket: {
      siteId, conversationId: null, visitorId: null, subject: 'Broken invoice', requesterName: 'Vera',
      requesterEmail: 'vera@example.com', requesterLocale: 'en', status: 'new', priority: 'normal', tier: 1,
      departmentId: null, assigneeAgentId: null, tags: [], source: 'offline_form', tierStartedAt: new Date().toISOString(),
      firstResponseDueAt: null, resolutionDueAt: null, firstRespondedAt: null, solvedAt: null, closedAt: null, pendingSince: null,
    },
    createdEvent: { kind: 'created', authorKind: 'system', authorId: null, authorName: null, text: 'Broken invoice', changes: [] },
  });
  return ticket;
}

/**
 * Returns once the millisecond clock has moved on, so the next record's timestamp is strictly later
 * (stores order by time; within one millisecond the order is undefined). Waits a millisecond at most.
 */
export async function untilClockTicks(): Promise<void> {
  const start = Date.now();
  while (Date.now() === start) await new Promise<void>((resolve) => setImmediate(resolve));
}
