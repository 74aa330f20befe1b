/** Calls the platform REST API of a test server the way an integration would: bearer token, JSON, cursor pages. */
import type { TestServer } from './test-server';

export interface ApiAnswer<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export interface ApiCall {
  method?: string;
  token?: string;
  body?: unknown;
  /** Raw body text, sent as JSON content (to test what the parser refuses). */
  rawBody?: string;
  query?: Record<string, string | number | string[]>;
}

export function queryString(query: ApiCall['query'] = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    for (const one of Array.isArray(value) ? value : [value]) params.append(key, String(one));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** `path` is from /api, e.g. `/v1/tickets`. */
export async function callApi<T = unknown>(server: Pick<TestServer, 'url'>, path: string, call: ApiCall = {}): Promise<ApiAnswer<T>> {
  const hasBody = call.body !== undefined || call.rawBody !== undefined;
  const response = await fetch(`${server.url}/api${path}${queryString(call.query)}`, {
    method: call.method ?? 'GET',
    headers: {
      ...(hasBody ? { 'content-type': 'application/json' } : {}),
      ...(call.token ? { authorization: `Bearer ${call.token}` } : {}),
    },
    ...(hasBody ? { body: call.rawBody ?? JSON.stringify(call.body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T, headers: response.headers };
}

export interface PageBody<T> {
  data: T[];
  nextCursor: string | null;
}

/** Follows `nextCursor` to the end; every page must answer 200. */
export async function walkPages<T>(server: Pick<TestServer, 'url'>, path: string, call: ApiCall & { limit: number }): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let pages = 1; pages <= 200; pages += 1) {
    const query: Record<string, string | number | string[]> = { ...call.query, limit: call.limit, ...(cursor ? { cursor } : {}) };
    const answer: ApiAnswer<PageBody<T>> = await callApi<PageBody<T>>(server, path, { ...call, query });
    if (answer.status !== 200) throw new Error(`${path} page ${pages}: ${answer.status} ${JSON.stringify(answer.body)}`);
    items.push(...answer.body.data);
    cursor = answer.body.nextCursor;
    if (!cursor) return { items, pages };
  }
  throw new Error(`${path}: the pages never ended`);
}

/** An admin creates an API token through REST; the answer is the only place the token appears. */
export async function createApiToken(server: Pick<TestServer, 'url'>, input: { adminToken: string; scope: 'read' | 'read-write'; name?: string }) {
  const answer = await callApi<{ data: { token: string; apiToken: { id: string } } }>(server, '/admin/api-tokens', {
    method: 'POST', token: input.adminToken, body: { name: input.name ?? `${input.scope} token`, scope: input.scope },
  });
  if (answer.status !== 201) throw new Error(`token not created: ${answer.status} ${JSON.stringify(answer.body)}`);
  return { token: answer.body.data.token, id: answer.body.data.apiToken.id };
}
