/** Analytics over REST on a real server: who sees what, the CSV file, refused requests, and figures that survive a restart. */
import type { AnalyticsReport } from '@parley/shared';
import { csvCell } from './domain/analytics-csv';
import { hashPassword } from './domain/password';
import { ANALYTICS_FIXTURE_NOW, FIXTURE_PASSWORD, seedAnalyticsFixture, type AnalyticsFixture } from './test-support/analytics-fixture';
import { ALICE, BOB, DEFLECTION, TOTALS, VOLUME } from './test-support/analytics-fixture-figures';
import { login } from './test-support/clients';
import { startTestServer, type TestServer } from './test-support/test-server';

const ALL_TIMERS_BUT_DATE = [
  'hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame',
  'requestIdleCallback', 'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval',
  'setTimeout', 'clearTimeout',
] as const;

const WEEKEND = 'from=2024-03-09&to=2024-03-10&timeZone=Europe%2FBerlin';

let server: TestServer;
let fixture: AnalyticsFixture;
const tokens = { admin: '', alice: '', bob: '' };

async function get(path: string, token: string | null): Promise<Response> {
  return fetch(`${server.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
}

async function report(query: string, token: string): Promise<AnalyticsReport> {
  const response = await get(`/api/analytics/report?${query}`, token);
  expect(response.status).toBe(200);
  return (await response.json()) as AnalyticsReport;
}

beforeAll(async () => {
  server = await startTestServer({ now: () => ANALYTICS_FIXTURE_NOW });
  const passwordHash = await hashPassword(FIXTURE_PASSWORD);
  jest.useFakeTimers({ doNotFake: [...ALL_TIMERS_BUT_DATE] });
  try {
    fixture = await seedAnalyticsFixture({
      store: server.store, siteId: server.site.id, passwordHash, setClock: (iso) => jest.setSystemTime(new Date(iso)),
    });
  } finally {
    jest.useRealTimers();
  }
  tokens.admin = (await login(server.url, server.admin.email, server.admin.password)).token;
  tokens.alice = (await login(server.url, fixture.alice.email, FIXTURE_PASSWORD)).token;
  tokens.bob = (await login(server.url, fixture.bob.email, FIXTURE_PASSWORD)).token;
});
afterAll(async () => {
  await server.stop();
});

test('an admin sees the whole site; the answer is never cached', async () => {
  const response = await get(`/api/analytics/report?${WEEKEND}`, tokens.admin);
  expect(response.status).toBe(200);
  expect(response.headers.get('cache-control')).toBe('no-store');
  const body = (await response.json()) as AnalyticsReport;
  expect(body.totals).toEqual(TOTALS);
  expect(body.volume).toEqual(VOLUME);
  expect(body.deflection).toEqual(DEFLECTION);
  expect(body.byAgent.map((a) => a.name)).toEqual(['Alice', 'Bob', null]);
  expect((await report(`${WEEKEND}&agentId=${fixture.bob.id}`, tokens.admin)).totals).toEqual(BOB);
});

test("an agent sees only their own figures and is refused a colleague's", async () => {
  const own = await report(WEEKEND, tokens.alice);
  expect(own.totals).toEqual(ALICE);
  expect(own.byAgent.map((a) => a.agentId)).toEqual([fixture.alice.id]);
  const bobs = await get(`/api/analytics/report?${WEEKEND}&agentId=${fixture.bob.id}`, tokens.alice);
  expect(bobs.status).toBe(403);
  expect(await bobs.json()).toEqual({ error: { code: 'FORBIDDEN', message: expect.any(String) } });
  expect((await report(WEEKEND, tokens.bob)).totals).toEqual(BOB);
});

test('the CSV export is a UTF-8 attachment with the same figures, and an agent only gets theirs', async () => {
  const response = await get(`/api/analytics/report.csv?${WEEKEND}`, tokens.admin);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  expect(response.headers.get('content-disposition')).toBe('attachment; filename="parley-analytics_2024-03-09_2024-03-10.csv"');
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = new TextDecoder().decode(bytes).split('\r\n');
  expect(lines[0]).toBe('section,key,name,metric,value');
  expect(lines).toContain('totals,,,conversations,8');
  expect(lines).toContain('totals,,,firstResponse.chats.p90Seconds,192');
  expect(lines).toContain(`agent,${csvCell(fixture.alice.id)},Alice,missed,0`);
  expect(lines).toContain('volume_by_hour,00,,conversations,2');
  expect(lines).toContain('top_tags,billing,,tickets,3');
  expect(lines).toContain('deflection,,,ratePercent,18.2');

  const alices = await (await get(`/api/analytics/report.csv?${WEEKEND}`, tokens.alice)).text();
  expect(alices).toContain(`agent,${csvCell(fixture.alice.id)},Alice,conversations,3`);
  expect(alices).not.toContain('Bob');
});

test.each([
  ['no period', 'timeZone=UTC', 'from'],
  ['a date that does not exist', 'from=2024-02-30&to=2024-03-01', 'from'],
  ['a time instead of a date', 'from=2024-03-01T00:00:00Z&to=2024-03-02', 'from'],
  ['an end before the start', 'from=2024-03-10&to=2024-03-09', 'to'],
  ['367 days', 'from=2023-01-01&to=2024-01-02', 'to'],
  ['an unknown time zone', 'from=2024-03-09&to=2024-03-10&timeZone=Mars%2FOlympus', 'timeZone'],
  ['an unknown parameter', `${WEEKEND}&format=xml`, '(root)'],
  ['a repeated parameter', `${WEEKEND}&from=2024-03-01`, 'from'],
])('%s is refused as VALIDATION_FAILED', async (_what, query, path) => {
  const response = await get(`/api/analytics/report?${query}`, tokens.admin);
  expect(response.status).toBe(400);
  const { error } = (await response.json()) as { error: { code: string; issues: { path: string }[] } };
  expect(error.code).toBe('VALIDATION_FAILED');
  expect(error.issues.map((issue) => issue.path)).toContain(path);
});

test('a full year (366 days) is accepted; no token is refused, for the CSV too', async () => {
  expect((await report('from=2024-01-01&to=2024-12-31', tokens.admin)).volume.byDay).toHaveLength(366);
  expect((await get(`/api/analytics/report?${WEEKEND}`, null)).status).toBe(401);
  expect((await get(`/api/analytics/report.csv?${WEEKEND}`, null)).status).toBe(401);
});

test('after a restart on the same data the report is the same', async () => {
  const before = await report(WEEKEND, tokens.admin);
  await server.stop();
  server = await startTestServer({ dataDir: server.dataDir, now: () => ANALYTICS_FIXTURE_NOW });
  expect(await report(WEEKEND, tokens.admin)).toEqual(before);
});
