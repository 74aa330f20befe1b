/** The agent REST API (sign-in, sign-out, who am I) over fetch with a bearer token. */
import type { Agent, LoginRequest, LoginResponse } from '@parley/shared';
import { ApiError, NETWORK_FAILURE, parleyErrorFrom } from './api-error';

export interface RestClientOptions {
  /** Origin + prefix of the API; '' means the page's own origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
}

export interface RestClient {
  login(credentials: LoginRequest): Promise<LoginResponse>;
  logout(token: string): Promise<void>;
  me(token: string): Promise<Agent>;
}

interface RequestOptions {
  method: 'GET' | 'POST';
  token?: string;
  body?: unknown;
}

export function createRestClient(options: RestClientOptions = {}): RestClient {
  const baseUrl = options.baseUrl ?? '';
  // Bound late so tests can replace globalThis.fetch after the client exists.
  const doFetch: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  async function request<T>(path: string, { method, token, body }: RequestOptions): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await doFetch(`${baseUrl}/api/agent${path}`, {
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

  return {
    login: (credentials) => request<LoginResponse>('/login', { method: 'POST', body: credentials }),
    logout: (token) => request<void>('/logout', { method: 'POST', token }),
    me: async (token) => (await request<{ agent: Agent }>('/me', { method: 'GET', token })).agent,
  };
}
