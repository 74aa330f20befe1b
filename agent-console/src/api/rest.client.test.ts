import { ApiError } from './api-error';
import { createRestClient } from './rest.client';
import { AGENT, TOKEN } from '../test-support/fixtures';

// jsdom has no fetch API; a Response needs only what the client reads.
function response(status: number, text: string): Response {
  const fake: Pick<Response, 'status' | 'ok' | 'json'> = {
    status,
    ok: status >= 200 && status < 300,
    json: async () => JSON.parse(text) as unknown,
  };
  return fake as Response;
}
const jsonResponse = (status: number, body: unknown) => response(status, JSON.stringify(body));

describe('rest client', () => {
  it('signs in with a JSON body and returns the token and agent', async () => {
    const fetch = jest.fn(async (_url: RequestInfo | URL, _init?: RequestInit) =>
      jsonResponse(200, { token: TOKEN, agent: AGENT }),
    );
    const rest = createRestClient({ fetch });

    await expect(rest.login({ email: 'ana@example.com', password: 'secret-secret' })).resolves.toEqual({
      token: TOKEN,
      agent: AGENT,
    });
    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(url).toBe('/api/agent/login');
    expect(init?.method).toBe('POST');
    expect(JSON.parse(String(init?.body))).toEqual({ email: 'ana@example.com', password: 'secret-secret' });
  });

  it('turns a 401 body into an ApiError with its code', async () => {
    const rest = createRestClient({
      fetch: async () => jsonResponse(401, { error: { code: 'INVALID_CREDENTIALS', message: 'no' } }),
    });
    const failure = rest.login({ email: 'ana@example.com', password: 'wrong-password' });
    await expect(failure).rejects.toBeInstanceOf(ApiError);
    await expect(failure).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
  });

  it('says INTERNAL when the server cannot be reached or answers garbage', async () => {
    const offline = createRestClient({ fetch: async () => Promise.reject(new TypeError('Failed to fetch')) });
    await expect(offline.me(TOKEN)).rejects.toMatchObject({ code: 'INTERNAL' });
    const broken = createRestClient({ fetch: async () => response(502, '<html>502</html>') });
    await expect(broken.me(TOKEN)).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  it('sends the bearer token to /me and /logout', async () => {
    const fetch = jest.fn(async (url: RequestInfo | URL, _init?: RequestInit) =>
      String(url).endsWith('/me') ? jsonResponse(200, { agent: AGENT }) : response(204, ''),
    );
    const rest = createRestClient({ fetch });

    await expect(rest.me(TOKEN)).resolves.toEqual(AGENT);
    await expect(rest.logout(TOKEN)).resolves.toBeUndefined();
    for (const [, init] of fetch.mock.calls) {
      expect(init?.headers).toMatchObject({ Authorization: `Bearer ${TOKEN}` });
    }
  });
});
