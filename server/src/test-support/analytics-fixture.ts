/**
 * A fixed week-end of chats and tickets, written through the real Store methods with the clock
 * set to each moment, so that every analytics figure can be worked out by hand (see
 * ANALYTICS_FIXTURE_FIGURES beside the tests). Times are UTC; the report is read in Europe/Berlin
 * (UTC+1 in March 2024), whose days start at 23:00 UTC the evening before.
 */
import type { Agent, Department, TicketSource } from '@parley/shared';
import type { NewTicketRecord, Store, TicketPatch } from '../store/store';

export interface AnalyticsFixture {
  alice: Agent;
  bob: Agent;
  sales: Department;
  support: Department;
  /** The instant the report judges running SLA clocks against. */
  now: Date;
}

export interface AnalyticsFixtureOptions {
  store: Store;
  siteId: string;
  /** Moves the clock the store reads (jest.setSystemTime under fake Date). */
  setClock: (iso: string) => void;
  /** For agents who will sign in over REST; any string otherwise. */
  passwordHash: string;
}

export const ANALYTICS_FIXTURE_NOW = new Date('2024-03-11T12:00:00.000Z');
export const FIXTURE_PASSWORD = 'analytics fixture password';

const plusSeconds = (iso: string, seconds: number): string => new Date(Date.parse(iso) + seconds * 1000).toISOString();

interface ChatPlan {
  at: string;
  department: Department | null;
  agent?: Agent;
  /** Seconds after the start: the agent's first answer. */
  answerAfter?: number;
  resolveAfter?: number;
  rating?: number;
}

interface TicketPlan {
  at: string;
  source: TicketSource;
  conversationId?: string;
  department: Department | null;
  assignee: Agent | null;
  dueFirstResponse: string;
  dueResolution: string;
  tags?: string[];
}

export async function seedAnalyticsFixture(options: AnalyticsFixtureOptions): Promise<AnalyticsFixture> {
  const { store, siteId, setClock } = options;
  let visitors = 0;

  const sales = await store.createDepartment({ siteId, name: 'Sales' });
  const support = await store.createDepartment({ siteId, name: 'Support' });
  const agent = (name: string, department: Department) =>
    store.createAgent({
      siteId, name, email: `${name.toLowerCase()}@analytics.test`, role: 'agent', passwordHash: options.passwordHash,
      departmentIds: [department.id],
    });
  const alice = await agent('Alice', sales);
  const bob = await agent('Bob', support);

  async function chat(plan: ChatPlan): Promise<string> {
    setClock(plan.at);
    visitors += 1;
    const visitor = await store.createVisitor({ siteId, tokenHash: `fixture-visitor-${visitors}`, locale: 'en' });
    const { conversation } = await store.openConversation({
      siteId, visitorId: visitor.id, visitorName: `Visitor ${visitors}`, locale: 'en', departmentId: plan.department?.id ?? null,
    });
    await store.appendMessage({
      conversationId: conversation.id, clientId: `visitor-${visitors}-1`, author: { kind: 'visitor', id: visitor.id, name: null }, text: 'Hello?',
    });
    if (plan.agent) {
      setClock(plusSeconds(plan.at, 5));
      await store.claimConversation({ conversationId: conversation.id, agentId: plan.agent.id });
    }
    if (plan.agent && plan.answerAfter !== undefined) {
      setClock(plusSeconds(plan.at, plan.answerAfter));
      await store.appendMessage({
        conversationId: conversation.id, clientId: `agent-${visitors}-1`,
        author: { kind: 'agent', id: plan.agent.id, name: plan.agent.name }, text: 'Hi, how can I help?',
      });
    }
    if (plan.resolveAfter !== undefined) {
      setClock(plusSeconds(plan.at, plan.resolveAfter));
      await store.resolveConversation(conversation.id);
      if (plan.rating !== undefined) await store.rateConversation({ conversationId: conversation.id, score: plan.rating, comment: null });
    }
    return conversation.id;
  }

  async function ticket(plan: TicketPlan): Promise<string> {
    setClock(plan.at);
    const record: NewTicketRecord = {
      ticket: {
        siteId, conversationId: plan.conversationId ?? null, visitorId: null, subject: `From ${plan.source}`,
        requesterName: null, requesterEmail: 'someone@example.test', requesterLocale: 'en', status: 'new', priority: 'normal',
        tier: 1, departmentId: plan.department?.id ?? null, assigneeAgentId: plan.assignee?.id ?? null, tags: plan.tags ?? [],
        source: plan.source, tierStartedAt: plan.at, firstResponseDueAt: plan.dueFirstResponse, resolutionDueAt: plan.dueResolution,
        firstRespondedAt: null, solvedAt: null, closedAt: null, pendingSince: null,
      },
      createdEvent: { kind: 'created', authorKind: 'system', authorId: null, authorName: null, text: null, changes: [] },
    };
    return (await store.createTicket(record)).ticket.id;
  }

  async function change(ticketId: string, at: string, patch: TicketPatch): Promise<void> {
    setClock(at);
    await store.updateTicket({ ticketId, patch, event: null });
  }

  // Chats. FRT = answerAfter, live resolution = resolveAfter (seconds).
  await chat({ at: '2024-03-09T09:00:00.000Z', department: sales, agent: alice, answerAfter: 30, resolveAfter: 600, rating: 5 }); // C1
  await chat({ at: '2024-03-09T10:00:00.000Z', department: sales, agent: alice, answerAfter: 90, resolveAfter: 1200, rating: 4 }); // C2
  await chat({ at: '2024-03-09T14:00:00.000Z', department: support, agent: bob, answerAfter: 60, resolveAfter: 1800, rating: 2 }); // C3
  // 00:30 on Sunday 10 March in Berlin.
  await chat({ at: '2024-03-09T23:30:00.000Z', department: support, agent: bob, answerAfter: 120, resolveAfter: 900 }); // C4
  // 00:10 on Saturday 9 March in Berlin: nobody takes it; six minutes later it becomes a ticket.
  const c5 = await chat({ at: '2024-03-08T23:10:00.000Z', department: sales }); // C5
  const c6 = await chat({ at: '2024-03-10T08:00:00.000Z', department: null }); // C6: the visitor leaves unanswered
  const c7 = await chat({ at: '2024-03-10T12:00:00.000Z', department: sales, agent: alice, answerAfter: 240 }); // C7: escalated
  await chat({ at: '2024-03-10T15:00:00.000Z', department: support, agent: bob }); // C10: still open, unanswered
  // Outside the Berlin period: 00:20 on Monday 11 March, and 23:50 on Friday 8 March.
  await chat({ at: '2024-03-10T23:20:00.000Z', department: sales, agent: alice, answerAfter: 10, resolveAfter: 100, rating: 1 }); // C8
  await chat({ at: '2024-03-08T22:50:00.000Z', department: sales, agent: alice, answerAfter: 10, resolveAfter: 100, rating: 1 }); // C9

  // Tickets.
  const t1 = await ticket({
    at: '2024-03-08T23:16:00.000Z', source: 'chat_timeout', conversationId: c5, department: sales, assignee: null,
    dueFirstResponse: '2024-03-09T00:16:00.000Z', dueResolution: '2024-03-09T23:16:00.000Z', tags: ['billing', 'refund'],
  });
  await change(t1, '2024-03-09T00:30:00.000Z', { assigneeAgentId: bob.id, status: 'open' });
  await change(t1, '2024-03-09T01:00:00.000Z', { firstRespondedAt: '2024-03-09T01:00:00.000Z' }); // 6240 s, 44 min late
  await change(t1, '2024-03-09T12:00:00.000Z', { status: 'solved', solvedAt: '2024-03-09T12:00:00.000Z' }); // 45840 s
  await change(t1, '2024-03-09T12:05:00.000Z', { rating: 5 });

  const t2 = await ticket({
    at: '2024-03-10T08:03:00.000Z', source: 'visitor_left', conversationId: c6, department: null, assignee: null,
    dueFirstResponse: '2024-03-10T09:03:00.000Z', dueResolution: '2024-03-10T20:03:00.000Z', tags: ['billing'],
  });
  // 1800 s; never solved, but pending since (waiting on the requester): its resolution clock stopped
  // at 08:33, before it was due at 20:03, so it is not a breach at ANALYTICS_FIXTURE_NOW.
  await change(t2, '2024-03-10T08:33:00.000Z', {
    firstRespondedAt: '2024-03-10T08:33:00.000Z', status: 'pending', pendingSince: '2024-03-10T08:33:00.000Z',
  });

  const t3 = await ticket({
    at: '2024-03-10T12:10:00.000Z', source: 'agent_escalation', conversationId: c7, department: sales, assignee: alice,
    dueFirstResponse: '2024-03-10T13:10:00.000Z', dueResolution: '2024-03-11T12:10:00.000Z', tags: ['shipping', 'billing'],
  });
  await change(t3, '2024-03-10T12:20:00.000Z', { firstRespondedAt: '2024-03-10T12:20:00.000Z', status: 'open' }); // 600 s
  await change(t3, '2024-03-10T14:10:00.000Z', { status: 'solved', solvedAt: '2024-03-10T14:10:00.000Z', rating: 3 }); // 7200 s

  // Closed without a reply two hours in: both clocks stopped late (first response due after one
  // hour, resolution after an hour and a half).
  const t4 = await ticket({
    at: '2024-03-09T20:00:00.000Z', source: 'offline_form', department: support, assignee: bob,
    dueFirstResponse: '2024-03-09T21:00:00.000Z', dueResolution: '2024-03-09T21:30:00.000Z', tags: ['shipping'],
  });
  await change(t4, '2024-03-09T22:00:00.000Z', { status: 'closed', closedAt: '2024-03-09T22:00:00.000Z' }); // 7200 s

  // 23:30 on Sunday in Berlin; unanswered and overdue for a first response at ANALYTICS_FIXTURE_NOW.
  await ticket({
    at: '2024-03-10T22:30:00.000Z', source: 'agent', department: sales, assignee: alice,
    dueFirstResponse: '2024-03-10T23:30:00.000Z', dueResolution: '2024-03-11T22:30:00.000Z',
  });
  // Monday in Berlin: outside the period, and so is its tag.
  await ticket({
    at: '2024-03-10T23:30:00.000Z', source: 'offline_form', department: null, assignee: null,
    dueFirstResponse: '2024-03-11T00:30:00.000Z', dueResolution: '2024-03-11T23:30:00.000Z', tags: ['billing'],
  });

  // Knowledge base: two visitors in the period say an article solved it; one still wants a person;
  // one more says "solved" on Monday in Berlin; a vote is not a deflection.
  const article = await store.createArticle({
    siteId, categoryId: null, language: 'en', translationGroupId: null, slug: 'refunds', title: 'Refunds',
    summary: 'How refunds work', bodyMarkdown: 'Refunds take five days.', at: '2024-03-01T00:00:00.000Z',
  });
  const feedback: [voterKey: string, kind: 'vote' | 'deflection', value: 'solved' | 'human' | 'helpful', at: string][] = [
    ['visitor:k1', 'deflection', 'solved', '2024-03-09T12:00:00.000Z'],
    ['visitor:k2', 'deflection', 'solved', '2024-03-10T18:00:00.000Z'],
    ['visitor:k3', 'deflection', 'human', '2024-03-10T19:00:00.000Z'],
    ['visitor:k4', 'deflection', 'solved', '2024-03-10T23:30:00.000Z'],
    ['visitor:k5', 'vote', 'helpful', '2024-03-10T10:00:00.000Z'],
  ];
  for (const [voterKey, kind, value, at] of feedback) {
    await store.recordArticleFeedback({ siteId, articleId: article.id, voterKey, kind, value, at });
  }

  return { alice, bob, sales, support, now: ANALYTICS_FIXTURE_NOW };
}
