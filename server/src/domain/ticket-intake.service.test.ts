/** Tickets opened over the REST API: which language the requester's e-mails are written in. */
import type { Ticket } from '@parley/shared';
import { login } from '../test-support/clients';
import { callApi, createApiToken } from '../test-support/platform-api';
import { startTestServer, type TestServer } from '../test-support/test-server';

let server: TestServer;
let token: string;

beforeEach(async () => {
  server = await startTestServer();
  const adminToken = (await login(server.url, server.admin.email, server.admin.password)).token;
  token = (await createApiToken(server, { adminToken, scope: 'read-write' })).token;
});
afterEach(async () => {
  await server.stop();
});

const openTicket = (body: Record<string, unknown>) =>
  callApi<{ data: Ticket }>(server, '/v1/tickets', {
    method: 'POST', token, body: { subject: 'Rechnung', text: 'Bitte um Korrektur.', requesterEmail: 'greta@example.test', ...body },
  });

test('a ticket opened without requesterLocale is e-mailed in the site\'s default language, not English', async () => {
  await server.store.updateSiteSettings(server.site.id, { languages: { default: 'de' } });
  const created = await openTicket({});
  expect(created.status).toBe(201);
  expect(created.body.data.requesterLocale).toBe('de');
  expect(server.mailer.sent).toEqual([expect.objectContaining({ template: 'ticket_received', locale: 'de', to: 'greta@example.test' })]);
});

test('a requesterLocale given with the ticket still wins over the site\'s default', async () => {
  await server.store.updateSiteSettings(server.site.id, { languages: { default: 'de' } });
  const created = await openTicket({ requesterLocale: 'fr' });
  expect(created.body.data.requesterLocale).toBe('fr');
  expect(server.mailer.sent).toEqual([expect.objectContaining({ locale: 'fr' })]);
});
