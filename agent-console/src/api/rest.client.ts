/** The agent REST API (sign-in, sign-out, who am I) over fetch with a bearer token. */
import type { Agent, LoginRequest, LoginResponse } from '@parley/shared';
import { fetcher, requestJson, type JsonRequest } from './json-request';

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

export function createRestClient(options: RestClientOptions = {}): RestClient {
  const baseUrl = options.baseUrl ?? '';
  const doFetch = fetcher(options.fetch);
  const request = <T>(path: string, init: JsonRequest) =>
    requestJson<T>(doFetch, `${baseUrl}/api/agent${path}`, init);

  return {
    login: (credentials) => request<LoginResponse>('/login', { method: 'POST', body: credentials }),
    logout: (token) => request<void>('/logout', { method: 'POST', token }),
    me: async (token) => (await request<{ agent: Agent }>('/me', { method: 'GET', token })).agent,
  };
}
