/** A fake /api/analytics behind fetch: answers every report request with a report built for its period. */
import type { AnalyticsMetrics, AnalyticsReport } from '@parley/shared';
import { TOKEN } from './fixtures';

const durations = (medianSeconds: number | null, p90Seconds: number | null) => ({
  count: medianSeconds === null ? 0 : 10,
  medianSeconds,
  p90Seconds,
});
const sources = { chat_timeout: 0, offline_form: 0, visitor_left: 0, agent_escalation: 0, agent: 0 };

export function metrics(overrides: Partial<AnalyticsMetrics> = {}): AnalyticsMetrics {
  return {
    conversations: 120,
    answered: 110,
    missed: 6,
    resolvedInChat: 90,
    escalated: 14,
    escalationsBySource: { ...sources, agent_escalation: 14 },
    tickets: 40,
    ticketsBySource: { ...sources, offline_form: 26, agent_escalation: 14 },
    ticketsResolved: 30,
    firstResponse: { chats: durations(42, 180), tickets: durations(3_600, 14_400) },
    resolution: { chats: durations(252, 900), tickets: durations(90_000, 200_000) },
    slaBreaches: { tickets: 3, firstResponse: 2, resolution: 1 },
    satisfaction: {
      chats: { count: 20, average: 4.5, csatPercent: 90 },
      tickets: { count: 5, average: 4, csatPercent: 80 },
      overall: { count: 25, average: 4.4, csatPercent: 88 },
    },
    ...overrides,
  };
}

function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (let at = Date.parse(`${from}T00:00:00Z`); at <= Date.parse(`${to}T00:00:00Z`); at += 86_400_000)
    out.push(new Date(at).toISOString().slice(0, 10));
  return out;
}

export function analyticsReport(
  request: { from: string; to: string; timeZone: string; agentId?: string | null; departmentId?: string | null },
  overrides: Partial<AnalyticsReport> = {},
): AnalyticsReport {
  const narrowed = Boolean(request.agentId || request.departmentId);
  return {
    request: { ...request, agentId: request.agentId ?? null, departmentId: request.departmentId ?? null },
    period: { start: `${request.from}T00:00:00.000Z`, end: `${request.to}T00:00:00.000Z` },
    generatedAt: '2030-03-31T12:00:00.000Z',
    totals: metrics(),
    deflection: narrowed ? null : { deflections: 27, ratePercent: 14.8 },
    volume: {
      byDay: days(request.from, request.to).map((date, i) => ({ date, conversations: (i % 5) + 2, tickets: i % 3 })),
      byHour: Array.from({ length: 24 }, (_, hour) => ({ hour, conversations: hour > 8 && hour < 18 ? 9 : 1, tickets: 1 })),
    },
    topTags: [
      { tag: 'refund', tickets: 12 },
      { tag: 'delivery', tickets: 7 },
      { tag: 'invoice', tickets: 1 },
    ],
    byAgent: [
      { agentId: 'agent-admin-001', name: 'Alma', ...metrics({ conversations: 70 }) },
      { agentId: null, name: null, ...metrics({ conversations: 50 }) },
    ],
    byDepartment: [{ departmentId: 'dept-sales-0001', name: 'Sales', ...metrics() }],
    ...overrides,
  };
}

export interface FakeAnalyticsServer {
  fetch: jest.Mock<Promise<Response>, [RequestInfo | URL, RequestInit?]>;
  /** Report requests as their query parameters. */
  queries: Record<string, string>[];
  csvQueries: Record<string, string>[];
  /** What the next report looks like, or the error the server answers with. */
  answer: Partial<AnalyticsReport> | { error: { code: string; message: string }; status: number };
}

export function serveAnalytics(): FakeAnalyticsServer {
  const server: FakeAnalyticsServer = { fetch: jest.fn(), queries: [], csvQueries: [], answer: {} };
  server.fetch.mockImplementation(async (input, init) => {
    const url = new URL(String(input), 'http://console.test');
    const query = Object.fromEntries(url.searchParams);
    const headers = (init?.headers ?? {}) as Record<string, string>;
    const respond = (status: number, body: unknown, extra: Partial<Response> = {}) =>
      ({ status, ok: status < 300, json: async () => body, headers: new Headers(), ...extra }) as Response;
    if (headers.Authorization !== `Bearer ${TOKEN}`)
      return respond(401, { error: { code: 'UNAUTHENTICATED', message: 'Sign in again.' } });
    if ('error' in server.answer) return respond(server.answer.status, { error: server.answer.error });
    if (url.pathname === '/api/analytics/report.csv') {
      server.csvQueries.push(query);
      return respond(200, null, {
        headers: new Headers({ 'Content-Disposition': `attachment; filename="parley-report-${query.from}-${query.to}.csv"` }),
        blob: async () => new Blob(['\uFEFFmetric,value\nconversations,120\n'], { type: 'text/csv' }),
      });
    }
    server.queries.push(query);
    const request = { from: query.from ?? '', to: query.to ?? '', timeZone: query.timeZone ?? 'UTC' };
    return respond(200, analyticsReport({ ...request, agentId: query.agentId, departmentId: query.departmentId }, server.answer));
  });
  return server;
}
