import { CONTACT_RECORD_KINDS, type ContactSummary, type ErasureRecord } from '@parley/shared';
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { openAdmin, BOB } from '../../test-support/open-admin';
import { RECORD_KINDS } from './privacy-admin';

const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
});

const counts = { visitors: 1, conversations: 2, messages: 14, attachments: 1, tickets: 1, ticketEvents: 3, kbFeedback: 0, emails: 2 };

/** Plays /api/admin/privacy in memory: Vera is found by her address, and erased once. */
function fakePrivacyServer() {
  const calls: { method: string; path: string; body: unknown }[] = [];
  const log: ErasureRecord[] = [];
  let erased = false;
  const reply = (status: number, body?: unknown) => ({ status, ok: status < 300, json: async () => body }) as Response;
  globalThis.fetch = jest.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = String(input);
    const method = init?.method ?? 'GET';
    const body: unknown = init?.body ? JSON.parse(String(init.body)) : undefined;
    calls.push({ method, path, body });
    if (path === '/api/admin/privacy/erasures') return reply(200, { erasures: [...log] });
    if (path === '/api/admin/privacy/contact/summary') {
      const summary: ContactSummary = {
        lookup: body as ContactSummary['lookup'],
        visitors: erased ? [] : [{ id: 'visitor-vera-0001', name: 'Vera', email: 'vera@example.com', verified: true, createdAt: '2030-01-01T09:00:00.000Z' }],
        emails: ['vera@example.com'],
        counts: erased ? { ...counts, visitors: 0, conversations: 0, messages: 0, attachments: 0, tickets: 0, ticketEvents: 0, emails: 0 } : counts,
      };
      return reply(200, { summary });
    }
    if (path === '/api/admin/privacy/contact/erase') {
      erased = true;
      const record: ErasureRecord = { id: 'erasure-0000001', siteId: 'site-1', at: '2030-01-02T10:00:00.000Z', actor: { kind: 'agent', agentId: 'agent-admin-001' }, actorName: 'Alma', counts };
      log.unshift(record);
      return reply(200, { erasure: record });
    }
    return reply(404, { error: { code: 'NOT_FOUND', message: 'no route' } });
  }) as typeof fetch;
  return { calls };
}

describe('contact data (privacy)', () => {
  it('lists the record kinds of the contract', () => {
    expect([...RECORD_KINDS].sort()).toEqual([...CONTACT_RECORD_KINDS].sort());
  });

  it('finds a contact by e-mail in a POST body, names what will go in the confirmation, erases, and logs it', async () => {
    const server = fakePrivacyServer();
    await openAdmin(undefined, 'privacy');
    expect(await screen.findByText('Nothing has been erased yet.')).toBeInTheDocument();

    fireEvent.input(screen.getByTestId('privacy-lookup-value'), { target: { value: 'vera@example.com' } });
    fireEvent.submit(screen.getByTestId('privacy-lookup'));
    const summary = await screen.findByTestId('privacy-summary');
    expect(within(summary).getByText('Vera')).toBeInTheDocument();
    expect(within(summary).getByTestId('identity-verified')).toBeInTheDocument();
    expect(within(summary).getByTestId('privacy-count-messages')).toHaveTextContent('Messages14');
    expect(server.calls.find((c) => c.path.endsWith('/summary'))).toMatchObject({ method: 'POST', body: { email: 'vera@example.com' } });
    expect(server.calls.every((c) => !c.path.includes('vera'))).toBe(true);

    fireEvent.click(within(summary).getByTestId('privacy-erase'));
    const dialog = await screen.findByTestId('confirm-dialog');
    expect(dialog).toHaveTextContent('Visitor records: 1, Chats: 2, Messages: 14, Files: 1, Tickets: 1, Ticket updates: 3, E-mails: 2');
    expect(server.calls.some((c) => c.path.endsWith('/erase'))).toBe(false);
    fireEvent.click(within(dialog).getByTestId('confirm-button'));

    expect(await screen.findByTestId('privacy-erased')).toHaveTextContent('Erased — Visitor records: 1, Chats: 2, Messages: 14');
    expect(screen.queryByTestId('privacy-summary')).toBeNull();
    const log = screen.getByTestId('erasure-log');
    expect(within(log).getByText('Alma')).toBeInTheDocument();
  });

  it('is not offered to agents who are not admins', async () => {
    await openAdmin(BOB);
    await waitFor(() => expect(screen.getByTestId('admin-nav-agents')).toBeInTheDocument());
    expect(screen.queryByTestId('admin-nav-privacy')).toBeNull();
  });
});
