/**
 * The site's name over a real server: an admin renames it, and what customers read afterwards
 * (the ticket e-mail through a real SMTP server, the help centre's header) says the new name.
 */
import type { Site } from '@parley/shared';
import os from 'node:os';
import pino from 'pino';
import { createMailDelivery } from './mail/mail-delivery';
import { startSmtpSink, type SmtpSink } from './mail/smtp-sink';
import { addAgent } from './test-support/agents';
import { apiRequest, connectVisitor, login, unwrap } from './test-support/clients';
import { startTestServer, type TestServer } from './test-support/test-server';

let server: TestServer;
let sink: SmtpSink;
let adminToken: string;

beforeAll(async () => {
  sink = await startSmtpSink();
  server = await startTestServer({
    deliverMailWith: (store) => {
      const delivery = createMailDelivery({ store, logger: pino({ level: 'silent' }), smtpUrl: sink.url, dataDir: os.tmpdir(), from: 'Parley <no-reply@parley.test>' });
      return {
        async enqueue(request) {
          await delivery.mailer.enqueue(request);
          await delivery.dispatcher.runOnce();
        },
      };
    },
  });
  adminToken = (await login(server.url, server.admin.email, server.admin.password)).token;
});
afterAll(async () => {
  await server.stop();
  await sink.close();
});

const rename = (body: unknown, token = adminToken) => apiRequest(server.url, '/admin/site', { method: 'PATCH', body, token });

test('an admin renames the site; the next ticket e-mail and the help centre say the new name, not "My website"', async () => {
  expect(server.site.name).toBe('My website');
  const renamed = await rename({ name: '  Acme Shoes  ' });
  expect(renamed.status).toBe(200);
  expect(((await renamed.json()) as { site: Site }).site).toMatchObject({ name: 'Acme Shoes', settings: server.site.settings });

  const { socket } = await connectVisitor(server.url, { siteKey: server.site.key, locale: 'en-GB' });
  server.track(socket);
  unwrap(await socket.emitWithAck('ticket:create', { name: 'Ivy', email: 'ivy@example.test', message: 'Where is my parcel?' }));
  const mail = sink.messages.at(-1);
  expect(mail?.text).toContain('The Acme Shoes team');
  expect(mail?.text).toContain('You received this e-mail because you contacted Acme Shoes.');
  expect(mail?.text).not.toContain('My website');

  const help = await (await fetch(`${server.url}/help/${server.site.key}`, { headers: { 'accept-language': 'en' } })).text();
  expect(help).toContain('<strong>Acme Shoes Help Centre</strong>');
  expect(help).not.toContain('My website');
});

test('an empty or overlong name is refused with the reason, and agents who are not admins cannot rename', async () => {
  const blank = await rename({ name: '   ' });
  expect(blank.status).toBe(400);
  expect(await blank.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', issues: [{ path: 'name', message: expect.stringMatching(/empty/) }] } });
  expect((await rename({ name: 'x'.repeat(101) })).status).toBe(400);

  const agent = await addAgent(server);
  server.track(agent.socket);
  const refused = await rename({ name: 'Taken over' }, agent.token);
  expect(refused.status).toBe(403);
  expect((await server.store.findSiteById(server.site.id))?.name).not.toBe('Taken over');
});
