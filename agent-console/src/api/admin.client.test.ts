import { createAdminClient } from './admin.client';
import { AGENT, TOKEN } from '../test-support/fixtures';

function jsonResponse(status: number, body: unknown): Response {
  const fake: Pick<Response, 'status' | 'ok' | 'json'> = {
    status,
    ok: status >= 200 && status < 300,
    json: async () => body,
  };
  return fake as Response;
}

describe('admin client', () => {
  it('patches an agent with the bearer token and returns the updated agent', async () => {
    const fetch = jest.fn(async (_url: RequestInfo | URL, _init?: RequestInit) =>
      jsonResponse(200, { agent: { ...AGENT, maxChats: 6 } }),
    );
    const admin = createAdminClient({ token: TOKEN, fetch });

    await expect(admin.updateAgent(AGENT.id, { maxChats: 6 })).resolves.toMatchObject({ maxChats: 6 });
    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(url).toBe(`/api/admin/agents/${AGENT.id}`);
    expect(init?.method).toBe('PATCH');
    expect(init?.headers).toMatchObject({ Authorization: `Bearer ${TOKEN}` });
    expect(JSON.parse(String(init?.body))).toEqual({ maxChats: 6 });
  });

  it('gives the field problems of a refused settings change', async () => {
    const issues = [{ path: 'widget.color', message: 'must be a colour like #1d3a8a' }];
    const admin = createAdminClient({
      token: TOKEN,
      fetch: async () => jsonResponse(400, { error: { code: 'VALIDATION_FAILED', message: 'bad', issues } }),
    });
    await expect(admin.updateSiteSettings({ routingMode: 'pick' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      issues,
    });
  });
});
