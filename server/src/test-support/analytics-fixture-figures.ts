/**
 * The analytics figures of the fixture (analytics-fixture.ts) for 9-10 March 2024 in Europe/Berlin,
 * worked out by hand. Percentiles interpolate between closest ranks: p90 of n sorted values sits
 * at rank (n-1)*0.9, e.g. [30, 60, 90, 120, 240] -> rank 3.6 -> 120 + 0.6 * (240 - 120) = 192.
 */
import type { AnalyticsMetrics, CountsBySource, DurationStats, Satisfaction } from '@parley/shared';

const sources = (counts: Partial<CountsBySource>): CountsBySource => ({
  chat_timeout: 0, offline_form: 0, visitor_left: 0, agent_escalation: 0, agent: 0, ...counts,
});
const stats = (count: number, medianSeconds: number | null, p90Seconds: number | null): DurationStats => ({ count, medianSeconds, p90Seconds });
const NONE = stats(0, null, null);
const rated = (count: number, average: number | null, csatPercent: number | null): Satisfaction => ({ count, average, csatPercent });
const UNRATED = rated(0, null, null);

/** Every chat and ticket of the period (C1-C7, C10; T1-T5). */
export const TOTALS: AnalyticsMetrics = {
  conversations: 8, // C1 C2 C3 C4 C5 C6 C7 C10 (C8 and C9 fall on Monday and Friday in Berlin)
  answered: 5, // C1 C2 C3 C4 C7
  missed: 2, // C5 (chat_timeout), C6 (visitor_left)
  resolvedInChat: 4, // C1 C2 C3 C4
  escalated: 3,
  escalationsBySource: sources({ chat_timeout: 1, visitor_left: 1, agent_escalation: 1 }),
  tickets: 5,
  ticketsBySource: sources({ chat_timeout: 1, offline_form: 1, visitor_left: 1, agent_escalation: 1, agent: 1 }),
  ticketsResolved: 3, // T1 T3 solved, T4 closed
  firstResponse: {
    chats: stats(5, 90, 192), // [30, 60, 90, 120, 240]
    tickets: stats(3, 1800, 5352), // [600, 1800, 6240]: rank 1.8 -> 1800 + 0.8 * 4440
  },
  resolution: {
    chats: stats(4, 1050, 1620), // [600, 900, 1200, 1800]: (900 + 1200) / 2; rank 2.7 -> 1200 + 0.7 * 600
    tickets: stats(3, 7200, 38112), // [7200, 7200, 45840]: rank 1.8 -> 7200 + 0.8 * 38640
  },
  // First response: T1 late, T4 closed late without a reply, T5 overdue now. Resolution: T4 closed
  // late. T2 is past its resolution due date now, but has been pending (its clocks stopped) since before it.
  slaBreaches: { tickets: 3, firstResponse: 3, resolution: 1 },
  satisfaction: {
    chats: rated(3, 3.67, 66.7), // 5 4 2
    tickets: rated(2, 4, 50), // 5 3
    overall: rated(5, 3.8, 60), // 19 / 5; three of five are 4 or 5
  },
};

/** C1 C2 C7; T3 T5. */
export const ALICE: AnalyticsMetrics = {
  conversations: 3, answered: 3, missed: 0, resolvedInChat: 2, escalated: 1,
  escalationsBySource: sources({ agent_escalation: 1 }),
  tickets: 2, ticketsBySource: sources({ agent_escalation: 1, agent: 1 }), ticketsResolved: 1,
  firstResponse: { chats: stats(3, 90, 210), tickets: stats(1, 600, 600) }, // [30, 90, 240]: rank 1.8 -> 90 + 0.8 * 150
  resolution: { chats: stats(2, 900, 1140), tickets: stats(1, 7200, 7200) }, // [600, 1200]: rank 0.9 -> 600 + 0.9 * 600
  slaBreaches: { tickets: 1, firstResponse: 1, resolution: 0 }, // T5
  satisfaction: { chats: rated(2, 4.5, 100), tickets: rated(1, 3, 0), overall: rated(3, 4, 66.7) },
};

/** C3 C4 C10; T1 (assigned after the chat timed out) T4. */
export const BOB: AnalyticsMetrics = {
  conversations: 3, answered: 2, missed: 0, resolvedInChat: 2, escalated: 0,
  escalationsBySource: sources({}),
  tickets: 2, ticketsBySource: sources({ chat_timeout: 1, offline_form: 1 }), ticketsResolved: 2,
  firstResponse: { chats: stats(2, 90, 114), tickets: stats(1, 6240, 6240) }, // [60, 120]: 60 + 0.9 * 60
  resolution: { chats: stats(2, 1350, 1710), tickets: stats(2, 26520, 41976) }, // [7200, 45840]: 7200 + 0.9 * 38640
  slaBreaches: { tickets: 2, firstResponse: 2, resolution: 1 }, // T1 T4; T4
  satisfaction: { chats: rated(1, 2, 0), tickets: rated(1, 5, 100), overall: rated(2, 3.5, 50) },
};

/** Nobody's: C5 C6; T2. */
export const UNASSIGNED: AnalyticsMetrics = {
  conversations: 2, answered: 0, missed: 2, resolvedInChat: 0, escalated: 2,
  escalationsBySource: sources({ chat_timeout: 1, visitor_left: 1 }),
  tickets: 1, ticketsBySource: sources({ visitor_left: 1 }), ticketsResolved: 0,
  firstResponse: { chats: NONE, tickets: stats(1, 1800, 1800) },
  resolution: { chats: NONE, tickets: NONE },
  slaBreaches: { tickets: 0, firstResponse: 0, resolution: 0 }, // T2 pending before its resolution was due
  satisfaction: { chats: UNRATED, tickets: UNRATED, overall: UNRATED },
};

/** C1 C2 C5 C7; T1 T3 T5. */
export const SALES: AnalyticsMetrics = {
  conversations: 4, answered: 3, missed: 1, resolvedInChat: 2, escalated: 2,
  escalationsBySource: sources({ chat_timeout: 1, agent_escalation: 1 }),
  tickets: 3, ticketsBySource: sources({ chat_timeout: 1, agent_escalation: 1, agent: 1 }), ticketsResolved: 2,
  firstResponse: { chats: stats(3, 90, 210), tickets: stats(2, 3420, 5676) }, // [600, 6240]: 600 + 0.9 * 5640
  resolution: { chats: stats(2, 900, 1140), tickets: stats(2, 26520, 41976) },
  slaBreaches: { tickets: 2, firstResponse: 2, resolution: 0 }, // T1 T5
  satisfaction: { chats: rated(2, 4.5, 100), tickets: rated(2, 4, 50), overall: rated(4, 4.25, 75) },
};

/** C3 C4 C10; T4. */
export const SUPPORT: AnalyticsMetrics = {
  conversations: 3, answered: 2, missed: 0, resolvedInChat: 2, escalated: 0,
  escalationsBySource: sources({}),
  tickets: 1, ticketsBySource: sources({ offline_form: 1 }), ticketsResolved: 1,
  firstResponse: { chats: stats(2, 90, 114), tickets: NONE },
  resolution: { chats: stats(2, 1350, 1710), tickets: stats(1, 7200, 7200) },
  slaBreaches: { tickets: 1, firstResponse: 1, resolution: 1 }, // T4
  satisfaction: { chats: rated(1, 2, 0), tickets: UNRATED, overall: rated(1, 2, 0) },
};

/** No department: C6; T2. */
export const NO_DEPARTMENT: AnalyticsMetrics = {
  conversations: 1, answered: 0, missed: 1, resolvedInChat: 0, escalated: 1,
  escalationsBySource: sources({ visitor_left: 1 }),
  tickets: 1, ticketsBySource: sources({ visitor_left: 1 }), ticketsResolved: 0,
  firstResponse: { chats: NONE, tickets: stats(1, 1800, 1800) },
  resolution: { chats: NONE, tickets: NONE },
  slaBreaches: { tickets: 0, firstResponse: 0, resolution: 0 }, // T2 pending before its resolution was due
  satisfaction: { chats: UNRATED, tickets: UNRATED, overall: UNRATED },
};

const hours = (counts: Record<number, [conversations: number, tickets: number]>) =>
  Array.from({ length: 24 }, (_, hour) => ({ hour, conversations: counts[hour]?.[0] ?? 0, tickets: counts[hour]?.[1] ?? 0 }));

/** Berlin days and hours: C5 (00:10) and C4 (00:30) open Saturday and Sunday at midnight local, T1 at 00:16. */
export const VOLUME = {
  byDay: [
    { date: '2024-03-09', conversations: 4, tickets: 2 }, // C5 C1 C2 C3; T1 T4
    { date: '2024-03-10', conversations: 4, tickets: 3 }, // C4 C6 C7 C10; T2 T3 T5
  ],
  byHour: hours({ 0: [2, 1], 9: [1, 1], 10: [1, 0], 11: [1, 0], 13: [1, 1], 15: [1, 0], 16: [1, 0], 21: [0, 1], 23: [0, 1] }),
};

export const ALICE_VOLUME = {
  byDay: [
    { date: '2024-03-09', conversations: 2, tickets: 0 },
    { date: '2024-03-10', conversations: 1, tickets: 2 },
  ],
  byHour: hours({ 10: [1, 0], 11: [1, 0], 13: [1, 1], 23: [0, 1] }),
};

export const TOP_TAGS = [
  { tag: 'billing', tickets: 3 }, // T1 T2 T3 (T6's falls on Monday)
  { tag: 'shipping', tickets: 2 }, // T3 T4
  { tag: 'refund', tickets: 1 }, // T1
];

/** k1 and k2 solved by the article, against 2 deflections + 8 chats + 1 offline message: 2 / 11. */
export const DEFLECTION = { deflections: 2, ratePercent: 18.2 };
