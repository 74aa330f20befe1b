/**
 * Bulk, deterministic chat and ticket history written straight into a SQLite file, for the
 * analytics benchmark (100,000 chats) and the test that checks the benchmark's data reads back.
 * Not for production paths: it bypasses the store's rules and writes only what analytics reads.
 */
import type Database from 'better-sqlite3';
import { TICKET_SOURCES, type TicketSource } from '@parley/shared';

export interface BulkSeedOptions {
  siteId: string;
  agentIds: readonly string[];
  departmentIds: readonly string[];
  conversations: number;
  /** Chats start at random moments from here (ISO)... */
  from: string;
  /** ...over this many days. */
  days: number;
  /** The same seed writes the same history. */
  seed?: number;
}

/** What was written, counted the way the report counts it (all of it falls in the seeded days). */
export interface BulkSeedTally {
  conversations: number;
  answered: number;
  missed: number;
  resolvedInChat: number;
  escalated: number;
  tickets: number;
  ticketsBySource: Record<TicketSource, number>;
  chatRatings: number;
  /** Answered chats whose first answer came from another agent than the one holding them. */
  handedOver: number;
  /** Tickets with a first reply. */
  ticketsAnswered: number;
  /** Answered tickets whose first reply came from another agent than their assignee (escalated and reassigned since). */
  ticketsHandedOver: number;
}

const TAGS = ['billing', 'refund', 'shipping', 'login', 'bug', 'feature', 'account', 'invoice', 'delivery', 'password', 'api', 'mobile'];
const BATCH = 5000;

/** mulberry32: small, fast, and repeatable for a seed. */
function randomFrom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const iso = (ms: number): string => new Date(ms).toISOString();

export function seedAnalyticsBulk(db: Database.Database, options: BulkSeedOptions): BulkSeedTally {
  const random = randomFrom(options.seed ?? 42);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
  const between = (low: number, high: number): number => low + Math.floor(random() * (high - low));
  const startMs = Date.parse(options.from);
  const spanMs = options.days * 86_400_000;
  const runId = Math.floor(random() * 1e9).toString(36);
  const tally: BulkSeedTally = {
    conversations: 0, answered: 0, missed: 0, resolvedInChat: 0, escalated: 0, tickets: 0,
    ticketsBySource: Object.fromEntries(TICKET_SOURCES.map((s) => [s, 0])) as Record<TicketSource, number>, chatRatings: 0,
    handedOver: 0, ticketsAnswered: 0, ticketsHandedOver: 0,
  };

  const insertVisitor = db.prepare('INSERT INTO visitors (id, site_id, token_hash, locale, created_at) VALUES (?, ?, ?, ?, ?)');
  const insertConversation = db.prepare(
    `INSERT INTO conversations (id, site_id, visitor_id, status, assigned_agent_id, department_id, created_at, updated_at,
       queued_at, assigned_at, first_response_at, first_response_agent_id, resolved_at, ticket_id, rating, last_seq)
     VALUES (@id, @siteId, @visitorId, @status, @agentId, @departmentId, @createdAt, @createdAt,
       @createdAt, @assignedAt, @firstResponseAt, @responderId, @resolvedAt, @ticketId, @rating, 2)`,
  );
  const insertTicket = db.prepare(
    `INSERT INTO tickets (id, site_id, number, conversation_id, subject, requester_locale, status, priority, tier, department_id,
       assignee_agent_id, tags_json, source, created_at, updated_at, tier_started_at, first_response_due_at, resolution_due_at,
       first_responded_at, first_response_agent_id, solved_at, rating)
     VALUES (@id, @siteId, @number, @conversationId, 'Seeded', 'en', @status, 'normal', 1, @departmentId,
       @agentId, @tags, @source, @createdAt, @createdAt, @createdAt, @dueFirst, @dueResolution, @respondedAt, @responderId, @solvedAt, @rating)`,
  );
  let ticketNumber = (db.prepare('SELECT next_ticket_number AS n FROM sites WHERE id = ?').get(options.siteId) as { n: number }).n;

  interface TicketPlan { createdMs: number; source: TicketSource; conversationId: string | null; agentId: string | null; departmentId: string | null }
  function ticket(plan: TicketPlan): string {
    // Inside the seeded days, so that a report over them counts every ticket written.
    const input = { ...plan, createdMs: Math.min(plan.createdMs, startMs + spanMs - 1) };
    const id = `bt-${runId}-${ticketNumber}`;
    const answered = random() < 0.85;
    const solved = answered && random() < 0.7;
    const respondedMs = input.createdMs + between(60, 8 * 3600) * 1000;
    const solvedMs = respondedMs + between(600, 72 * 3600) * 1000;
    // One answered ticket in ten was answered by the next agent and reassigned since, as chats (by
    // number, not drawn). An unassigned one was answered by nobody recorded: replying assigns a ticket.
    const responderId = !answered || input.agentId === null ? null
      : ticketNumber % 10 === 0 ? (options.agentIds[(options.agentIds.indexOf(input.agentId) + 1) % options.agentIds.length] as string)
        : input.agentId;
    insertTicket.run({
      id, siteId: options.siteId, number: ticketNumber, conversationId: input.conversationId,
      status: solved ? 'solved' : answered ? 'open' : 'new', departmentId: input.departmentId, agentId: input.agentId,
      tags: JSON.stringify([...new Set([pick(TAGS), ...(random() < 0.4 ? [pick(TAGS)] : [])])]), source: input.source,
      createdAt: iso(input.createdMs), dueFirst: iso(input.createdMs + 4 * 3600_000), dueResolution: iso(input.createdMs + 48 * 3600_000),
      respondedAt: answered ? iso(respondedMs) : null, responderId, solvedAt: solved ? iso(solvedMs) : null,
      rating: solved && random() < 0.3 ? between(1, 6) : null,
    });
    ticketNumber += 1;
    tally.tickets += 1;
    tally.ticketsBySource[input.source] += 1;
    if (answered) tally.ticketsAnswered += 1;
    if (responderId !== null && responderId !== input.agentId) tally.ticketsHandedOver += 1;
    return id;
  }

  function conversation(index: number): void {
    // More chats in working hours: half of them between 08:00 and 18:00 UTC.
    const dayMs = Math.floor(random() * options.days) * 86_400_000;
    const secondOfDay = random() < 0.5 ? between(8 * 3600, 18 * 3600) : between(0, 86_400);
    const createdMs = Math.min(startMs + dayMs + secondOfDay * 1000, startMs + spanMs - 1000);
    const id = `bc-${runId}-${index}`;
    const visitorId = `bv-${runId}-${index}`;
    insertVisitor.run(visitorId, options.siteId, `bulk-${runId}-${index}`, 'en', iso(createdMs));
    const departmentId = random() < 0.9 ? pick(options.departmentIds) : null;
    const roll = random();
    const outcome = roll < 0.78 ? 'resolved' : roll < 0.86 ? 'chat_timeout' : roll < 0.91 ? 'visitor_left' : roll < 0.96 ? 'agent_escalation' : 'open';
    const agentId = outcome === 'chat_timeout' || outcome === 'visitor_left' ? null : pick(options.agentIds);
    const answered = outcome === 'resolved' || outcome === 'agent_escalation' || (outcome === 'open' && random() < 0.5);
    const firstResponseMs = createdMs + between(3, 600) * 1000;
    const resolvedMs = firstResponseMs + between(60, 3600) * 1000;
    const rating = outcome === 'resolved' && random() < 0.35 ? between(1, 6) : null;
    const escalated = outcome === 'chat_timeout' || outcome === 'visitor_left' || outcome === 'agent_escalation';
    // The ticket's id is known before it is written: the conversation comes first (the ticket references it).
    const ticketId = escalated ? `bt-${runId}-${ticketNumber}` : null;
    // One answered chat in ten was answered by the next agent, who then handed it over. Chosen by
    // index, not drawn, so the rest of the history is the one earlier seeds wrote.
    const agentIndex = agentId === null ? -1 : options.agentIds.indexOf(agentId);
    const responderId = !answered || agentId === null ? null
      : index % 10 === 0 ? (options.agentIds[(agentIndex + 1) % options.agentIds.length] as string) : agentId;
    insertConversation.run({
      id, siteId: options.siteId, visitorId, status: outcome === 'open' ? 'assigned' : 'resolved', agentId, departmentId,
      createdAt: iso(createdMs), assignedAt: agentId ? iso(createdMs + 2000) : null, firstResponseAt: answered ? iso(firstResponseMs) : null,
      responderId, resolvedAt: outcome === 'open' ? null : iso(escalated && outcome !== 'agent_escalation' ? createdMs + 300_000 : resolvedMs),
      ticketId, rating,
    });
    if (escalated) {
      ticket({ createdMs: outcome === 'agent_escalation' ? resolvedMs : createdMs + 300_000, source: outcome, conversationId: id, agentId, departmentId });
    }
    tally.conversations += 1;
    if (answered) tally.answered += 1;
    if (outcome === 'chat_timeout' || outcome === 'visitor_left') tally.missed += 1;
    if (ticketId) tally.escalated += 1;
    if (outcome === 'resolved') tally.resolvedInChat += 1;
    if (rating !== null) tally.chatRatings += 1;
    if (responderId !== agentId && responderId !== null) tally.handedOver += 1;
    // About one offline message for every twenty chats.
    if (random() < 0.05) {
      ticket({ createdMs, source: 'offline_form', conversationId: null, agentId: random() < 0.6 ? pick(options.agentIds) : null, departmentId });
    }
  }

  const batch = db.transaction((first: number, count: number) => {
    for (let index = first; index < first + count; index += 1) conversation(index);
  });
  for (let first = 0; first < options.conversations; first += BATCH) batch(first, Math.min(BATCH, options.conversations - first));
  db.prepare('UPDATE sites SET next_ticket_number = ? WHERE id = ?').run(ticketNumber, options.siteId);
  return tally;
}
