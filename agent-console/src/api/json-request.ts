/** One JSON request to the Parley REST API: bearer token, JSON body, errors as ApiError values. */
import { ApiError, NETWORK_FAILURE, parleyErrorFrom } from './api-error';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface JsonRequest {
  method: HttpMethod;
  token?: string | null;
  body?: unknown;
}

/** A fetch bound late, so tests can replace globalThis.fetch after a client exists. */
export function fetcher(custom?: typeof fetch): typeof fetch {
  return custom ?? ((input, init) => globalThis.fetch(input, init));
}

export async function requestJson<T>(doFetch: typeof fetch, url: string, request: JsonRequest): Promise<T> {
  const { method, token, body } = request;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await doFetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(NETWORK_FAILURE);
  }
  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(parleyErrorFrom(payload));
  return payload as T;
}
