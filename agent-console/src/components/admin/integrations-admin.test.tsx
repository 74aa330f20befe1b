import type { ApiToken, WebhookDelivery, WebhookEndpoint } from '@parley/shared';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { TOKEN } from '../../test-support/fixtures';
import { ADMIN, BOB, openAdmin } from '../../test-support/open-admin';

const AT = '2030-01-02T10:00:00.000Z';
const realFetch = globalThis.fetch;

interface Call {
  method: string;
  path: string;
  body: unknown;
  auth: string | undefined;
}

/** Plays /api/admin/api-tokens and /api/admin/webhooks in memory. */
function fakeIntegrationsServer() {
  const calls: Call[] = [];
  const tokens: ApiToken[] = [];
  const endpoints: WebhookEndpoint[] = [];
  const deliveries: WebhookDelivery[] = [];
  const reply = (status: number, body?: unknown) =>
    ({ status, ok: status < 300, json: async () => body }) as Response;
  globalThis.fetch = jest.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = String(input);
    const method = init?.method ?? 'GET';
    const body: unknown = init?.body ? JSON.parse(String(init.body)) : undefined;
    const auth = (init?.headers as Record<string, string> | undefined)?.Authorization;
    calls.push({ method, path, body, auth });
    const input_ = body as Record<string, unknown>;
    if (path === '/api/admin/api-tokens' && method === 'GET') return reply(200, { data: [...tokens] });
    if (path === '/api/admin/api-tokens' && method === 'POST') {
      const apiToken: ApiToken = {
        id: `tok-${tokens.length + 1}-00000001`,
        siteId: ADMIN.siteId,
        name: String(input_.name),
        scope: input_.scope as ApiToken['scope'],
        prefix: 'pk_live_AbCd',
        createdByAgentId: ADMIN.id,
        createdAt: AT,
        lastUsedAt: null,
        revokedAt: null,
      };
      tokens.unshift(apiToken);
      return reply(201, { data: { apiToken, token: 'pk_live_AbCdsecretsecretsecret' } });
    }
    const revoke = /^\/api\/admin\/api-tokens\/(.+)$/.exec(path);
    if (revoke && method === 'DELETE') {
      const found = tokens.find((t) => t.id === revoke[1]);
      if (!found) return reply(404, { error: { code: 'NOT_FOUND', message: 'gone' } });
      found.revokedAt = AT;
      return reply(200, { data: { ...found } });
    }
    if (path === '/api/admin/webhooks' && method === 'GET') return reply(200, { data: [...endpoints] });
    if (path === '/api/admin/webhooks' && method === 'POST') {
      // The server's target guard, as it words its refusals.
      if (String(input_.url).includes('10.0.0.5') && !input_.allowPrivateTargets) {
        const reason = '10.0.0.5 resolves to 10.0.0.5 (private), which is not a public address; an admin may set allowPrivateTargets on this endpoint to allow it';
        return reply(400, { error: { code: 'VALIDATION_FAILED', message: `url: ${reason}`, issues: [{ path: 'url.private', message: reason }] } });
      }
      if (String(input_.url).includes('.invalid')) {
        return reply(400, { error: { code: 'VALIDATION_FAILED', message: 'url: nowhere.invalid does not resolve', issues: [{ path: 'url', message: 'nowhere.invalid does not resolve' }] } });
      }
      const endpoint: WebhookEndpoint = {
        id: 'hook-0000000001',
        siteId: ADMIN.siteId,
        url: String(input_.url),
        description: '',
        events: input_.events as WebhookEndpoint['events'],
        enabled: true,
        allowPrivateTargets: Boolean(input_.allowPrivateTargets),
        createdByAgentId: ADMIN.id,
        createdAt: AT,
        updatedAt: AT,
      };
      endpoints.push(endpoint);
      return reply(201, { data: { endpoint, secret: 'whsec_topsecretvalue' } });
    }
    const hook = /^\/api\/admin\/webhooks\/([^/]+)(\/test|\/deliveries)?$/.exec(path);
    const endpoint = endpoints.find((e) => e.id === hook?.[1]);
    if (hook && endpoint && method === 'PATCH') {
      Object.assign(endpoint, input_);
      return reply(200, { data: { ...endpoint } });
    }
    if (hook && endpoint && hook[2] === '/test') {
      const delivery: WebhookDelivery = {
        id: `dlv-${deliveries.length + 1}-0000001`,
        endpointId: endpoint.id,
        eventId: 'evt-0000000001',
        eventType: 'webhook.test',
        status: 'failed',
        attempts: 1,
        responseStatus: 500,
        lastError: 'HTTP 500',
        nextAttemptAt: AT,
        createdAt: AT,
        deliveredAt: null,
      };
      deliveries.unshift(delivery);
      return reply(202, { data: delivery });
    }
    if (path.endsWith('/rotate-secret') && endpoints[0]) {
      return reply(200, { data: { endpoint: endpoints[0], secret: 'whsec_rotatedvalue' } });
    }
    if (hook && endpoint && method === 'DELETE') {
      endpoints.splice(endpoints.indexOf(endpoint), 1);
      return reply(204);
    }
    if (hook && endpoint && hook[2] === '/deliveries')
      return reply(200, { data: [...deliveries], nextCursor: null });
    return reply(404, { error: { code: 'NOT_FOUND', message: `${method} ${path}` } });
  }) as typeof fetch;
  return { calls, tokens, endpoints };
}

beforeEach(() => window.localStorage.clear());
afterEach(() => {
  globalThis.fetch = realFetch;
});

describe('API tokens admin', () => {
  it('creates a token shown once with a copy button, lists it by prefix only, and revokes it', async () => {
    const server = fakeIntegrationsServer();
    await openAdmin(ADMIN, 'api-tokens');
    const page = await screen.findByTestId('api-tokens-admin');
    await within(page).findByText('No tokens yet.');

    fireEvent.input(within(page).getByRole('textbox', { name: 'Name' }), { target: { value: 'CRM sync' } });
    fireEvent.change(within(page).getByRole('combobox', { name: 'Access' }), {
      target: { value: 'read-write' },
    });
    fireEvent.click(within(page).getByRole('button', { name: 'Create token' }));

    const shown = await within(page).findByTestId('new-api-token');
    expect(within(shown).getByTestId('new-api-token-value')).toHaveTextContent(
      'pk_live_AbCdsecretsecretsecret',
    );
    expect(within(shown).getByTestId('new-api-token-copy')).toBeInTheDocument();
    const created = server.calls.find((c) => c.method === 'POST');
    expect(created).toMatchObject({
      path: '/api/admin/api-tokens',
      body: { name: 'CRM sync', scope: 'read-write' },
      auth: `Bearer ${TOKEN}`,
    });

    const row = within(page).getByTestId('api-token-row');
    expect(row).toHaveTextContent('CRM sync');
    expect(row).toHaveTextContent('Read and write');
    fireEvent.click(within(shown).getByRole('button', { name: 'I have copied it' }));
    // Once dismissed, the token is nowhere on the page.
    expect(page).not.toHaveTextContent('secretsecret');

    fireEvent.click(within(row).getByRole('button', { name: 'Revoke “CRM sync”' }));
    const confirm = await screen.findByTestId('confirm-dialog');
    expect(server.calls.some((c) => c.method === 'DELETE')).toBe(false);
    fireEvent.click(within(confirm).getByRole('button', { name: 'Revoke' }));
    await waitFor(() => expect(row).toHaveTextContent('Revoked'));
    expect(row).toHaveAttribute('data-active', 'false');
  });

  it('is not offered to agents who are not admins', async () => {
    fakeIntegrationsServer();
    await openAdmin(BOB);
    expect(screen.queryByTestId('admin-nav-api-tokens')).toBeNull();
    expect(screen.queryByTestId('admin-nav-webhooks')).toBeNull();
  });
});

describe('webhooks admin', () => {
  it('registers an endpoint (secret once, warning for private targets), disables it, sends a test and shows the log', async () => {
    const server = fakeIntegrationsServer();
    await openAdmin(ADMIN, 'webhooks');
    const page = await screen.findByTestId('webhooks-admin');
    await within(page).findByText('No endpoints yet.');

    const form = within(page).getByTestId('webhook-form');
    fireEvent.input(within(form).getByRole('textbox', { name: 'URL' }), {
      target: { value: 'http://10.0.0.5/hook' },
    });
    fireEvent.click(within(form).getByRole('checkbox', { name: 'rating.created' }));
    expect(within(form).queryByTestId('webhook-private-warning')).toBeNull();
    fireEvent.click(within(form).getByTestId('webhook-allow-private'));
    expect(within(form).getByTestId('webhook-private-warning')).toHaveTextContent('internal services');
    fireEvent.submit(form);

    const secret = await within(page).findByTestId('webhook-secret');
    expect(within(secret).getByTestId('webhook-secret-value')).toHaveTextContent('whsec_topsecretvalue');
    const sent = server.calls.find((c) => c.method === 'POST' && c.path === '/api/admin/webhooks');
    expect(sent?.body).toMatchObject({
      url: 'http://10.0.0.5/hook',
      allowPrivateTargets: true,
      enabled: true,
    });
    expect((sent?.body as { events: string[] }).events).not.toContain('rating.created');

    const item = within(page).getByTestId('webhook-item');
    expect(item).toHaveTextContent('Private addresses allowed');
    fireEvent.click(within(item).getByRole('button', { name: 'Disable' }));
    await waitFor(() => expect(item).toHaveAttribute('data-enabled', 'false'));
    expect(server.calls.find((c) => c.method === 'PATCH')?.body).toEqual({ enabled: false });

    await act(async () => {
      fireEvent.click(within(item).getByRole('button', { name: 'Send test event' }));
    });
    const delivery = await within(item).findByTestId('webhook-delivery');
    expect(delivery).toHaveTextContent('webhook.test');
    expect(delivery).toHaveTextContent('Failed');
    expect(delivery).toHaveTextContent('500');
    expect(page).toHaveTextContent('Test event queued.');
  });

  it('says by the URL field why the server refused an address, keeping what was typed', async () => {
    const server = fakeIntegrationsServer();
    await openAdmin(ADMIN, 'webhooks');
    const page = await screen.findByTestId('webhooks-admin');
    const form = within(page).getByTestId('webhook-form');
    const url = within(form).getByRole('textbox', { name: 'URL' });

    fireEvent.input(url, { target: { value: 'http://10.0.0.5/hook' } });
    fireEvent.submit(form);
    await waitFor(() => expect(url).toHaveAttribute('aria-invalid', 'true'));
    expect(url).toHaveAccessibleDescription(
      "This address is on a private network, so Parley won't send to it. If the receiver really is on your own network, tick “Allow private addresses” below.",
    );
    expect(url).toHaveValue('http://10.0.0.5/hook');
    // Said once, by the field: not also as a bare "check the fields" at the top of the page.
    expect(within(page).getAllByRole('alert')).toHaveLength(1);

    fireEvent.input(url, { target: { value: 'https://nowhere.invalid/hook' } });
    expect(url).toHaveAttribute('aria-invalid', 'false');
    expect(within(page).queryByRole('alert')).toBeNull();
    fireEvent.submit(form);
    await waitFor(() => expect(url).toHaveAccessibleDescription(
      "Parley can't send to this URL. Enter a full address starting with https:// whose host name exists.",
    ));

    fireEvent.input(url, { target: { value: 'http://10.0.0.5/hook' } });
    fireEvent.click(within(form).getByTestId('webhook-allow-private'));
    fireEvent.submit(form);
    await within(page).findByTestId('webhook-secret');
    expect(url).toHaveAttribute('aria-invalid', 'false');
    expect(server.endpoints.map((e) => e.url)).toEqual(['http://10.0.0.5/hook']);
  });

  it('replaces the signing secret and deletes an endpoint, each after asking', async () => {
    const server = fakeIntegrationsServer();
    await openAdmin(ADMIN, 'webhooks');
    const page = await screen.findByTestId('webhooks-admin');
    const form = within(page).getByTestId('webhook-form');
    fireEvent.input(within(form).getByRole('textbox', { name: 'URL' }), {
      target: { value: 'https://hooks.example/p' },
    });
    fireEvent.submit(form);
    fireEvent.click(
      within(await within(page).findByTestId('webhook-secret')).getByRole('button', {
        name: 'I have copied it',
      }),
    );

    const item = within(page).getByTestId('webhook-item');
    fireEvent.click(within(item).getByRole('button', { name: 'New secret' }));
    fireEvent.click(
      within(await screen.findByTestId('confirm-dialog')).getByRole('button', { name: 'New secret' }),
    );
    const secret = await within(page).findByTestId('webhook-secret-value');
    expect(secret).toHaveTextContent('whsec_rotatedvalue');
    expect(
      server.calls.some(
        (c) => c.method === 'POST' && c.path === '/api/admin/webhooks/hook-0000000001/rotate-secret',
      ),
    ).toBe(true);

    fireEvent.click(within(item).getByRole('button', { name: 'Delete' }));
    fireEvent.click(
      within(await screen.findByTestId('confirm-dialog')).getByRole('button', { name: 'Delete' }),
    );
    await waitFor(() => expect(within(page).queryByTestId('webhook-item')).toBeNull());
    expect(server.endpoints).toEqual([]);
  });
});
