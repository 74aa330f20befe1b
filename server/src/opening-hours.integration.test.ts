/**
 * Opening hours as open widgets live them: told when the hours change or closing time passes, and
 * no new live chat while the site is closed (one already running goes on; the offline form stays).
 */
import type { Conversation, OpeningHours, SiteAvailability } from '@parley/shared';
import { addAgent } from './test-support/agents';
import { apiRequest, connectVisitor, eventMatching, login, unwrap, type VisitorClient } from './test-support/clients';
import { startTestServer, type TestServer } from './test-support/test-server';

let server: TestServer;
// Thursday 26 November 2026; every test sets the hour it needs.
let clock = new Date('2026-11-26T11:00:00Z');
const at = (hhmmss: string, day = '2026-11-26') => (clock = new Date(`${day}T${hhmmss}Z`));

/** Thursday and Friday 09:00–12:00 UTC. */
const MORNINGS: OpeningHours = {
  timeZone: 'UTC',
  week: { mon: [], tue: [], wed: [], thu: [{ from: '09:00', to: '12:00' }], fri: [{ from: '09:00', to: '12:00' }], sat: [], sun: [] },
  holidays: [],
};

beforeEach(async () => {
  at('11:00:00');
  server = await startTestServer({ now: () => clock });
});
afterEach(() => server.stop());

async function visitor(): Promise<VisitorClient> {
  const { socket } = await connectVisitor(server.url, { siteKey: server.site.key });
  server.track(socket);
  return socket;
}

async function onlineAgent() {
  const connected = await addAgent(server, { name: 'Bea' });
  server.track(connected.socket);
  return connected;
}

const availabilityWhere = (socket: VisitorClient, openNow: boolean) =>
  eventMatching<SiteAvailability>(socket, 'site:availability', (availability) => availability.openNow === openNow);

describe('a widget already open learns that the site closed or opened', () => {
  test('when an admin saves opening hours that close it now, and when they make it always open again', async () => {
    await onlineAgent();
    const panel = await visitor();
    at('14:13:00');
    const { token } = await login(server.url, server.admin.email, server.admin.password);

    const closed = availabilityWhere(panel, false);
    expect((await apiRequest(server.url, '/admin/site/settings', { method: 'PATCH', token, body: { openingHours: MORNINGS } })).status).toBe(200);
    expect(await closed).toEqual({ agentsOnline: true, openNow: false });

    const open = availabilityWhere(panel, true);
    expect((await apiRequest(server.url, '/admin/site/settings', { method: 'PATCH', token, body: { openingHours: null } })).status).toBe(200);
    expect(await open).toEqual({ agentsOnline: true, openNow: true });
  });

  test('when closing time passes on the clock, and opening time the next morning', async () => {
    await onlineAgent();
    await server.store.updateSiteSettings(server.site.id, { openingHours: MORNINGS });
    const panel = await visitor();
    at('11:59:58');
    expect(await server.app.openingHours.announceOpeningsAndClosings()).toBe(0);

    const closed = availabilityWhere(panel, false);
    at('12:00:03');
    expect(await server.app.openingHours.announceOpeningsAndClosings()).toBe(1);
    expect(await closed).toEqual({ agentsOnline: true, openNow: false });
    // Nothing passed since: nothing to say.
    at('12:00:08');
    expect(await server.app.openingHours.announceOpeningsAndClosings()).toBe(0);

    const opened = availabilityWhere(panel, true);
    at('09:00:02', '2026-11-27');
    expect(await server.app.openingHours.announceOpeningsAndClosings()).toBe(1);
    expect(await opened).toEqual({ agentsOnline: true, openNow: true });
  });
});

describe('while the site is closed', () => {
  test('a visitor message does not start a live chat routed to an agent; the offline form still makes a ticket', async () => {
    await onlineAgent();
    await server.store.updateSiteSettings(server.site.id, { openingHours: MORNINGS });
    at('14:13:00');
    const panel = await visitor();

    const refused = await panel.emitWithAck('message:send', { clientId: 'closed-0001', text: 'Hola, ¿hay alguien?' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'SITE_CLOSED' } });
    expect(await server.store.listConversations({ siteId: server.site.id, statuses: ['queued', 'assigned'] })).toEqual([]);

    const request = unwrap(await panel.emitWithAck('ticket:create', { name: 'Ana', email: 'ana@example.test', message: 'Hola, ¿hay alguien?' }));
    expect(request.ticketNumber).toBeGreaterThan(1000);
  });

  test('a chat that started before closing time goes on after it', async () => {
    const { agent } = await onlineAgent();
    await server.store.updateSiteSettings(server.site.id, { openingHours: MORNINGS });
    at('11:58:00');
    const panel = await visitor();
    const first = unwrap(await panel.emitWithAck('message:send', { clientId: 'late-00001', text: 'Just in time?' }));
    expect(await server.store.findConversation(first.conversationId)).toMatchObject<Partial<Conversation>>({ status: 'assigned', assignedAgentId: agent.id });

    at('12:05:00');
    const second = unwrap(await panel.emitWithAck('message:send', { clientId: 'late-00002', text: 'Still there?' }));
    expect(second.conversationId).toBe(first.conversationId);
  });
});
