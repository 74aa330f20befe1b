/** Canned replies over real sockets: who is offered which replies, and consoles kept up to date. */
import { addAgent } from './test-support/agents';
import { connectAgent, eventMatching, login, unwrap, type AgentClient } from './test-support/clients';
import { startTestServer, type TestServer } from './test-support/test-server';

let server: TestServer;
let adminToken: string;

beforeEach(async () => {
  server = await startTestServer();
  adminToken = (await login(server.url, server.admin.email, server.admin.password)).token;
});
afterEach(() => server.stop());

const shortcutsOf = (replies: { shortcut: string }[]) => replies.map((r) => r.shortcut).sort();

test("department replies stay on the admin's list and reach agents who take every department", async () => {
  const [sales, billing] = [
    await server.store.createDepartment({ siteId: server.site.id, name: 'Sales' }),
    await server.store.createDepartment({ siteId: server.site.id, name: 'Billing' }),
  ];
  const admin = await connectAgent(server.url, adminToken);
  const salesAdmin = await addAgent(server, { name: 'Sam', role: 'admin', departmentIds: [sales.id] });
  const dana = await addAgent(server, { name: 'Dana', departmentIds: [] });
  const carl = await addAgent(server, { name: 'Carl', departmentIds: [billing.id] });
  const bea = await addAgent(server, { name: 'Bea', departmentIds: [sales.id] });
  server.track(admin, salesAdmin.socket, dana.socket, carl.socket, bea.socket);
  unwrap(await admin.emitWithAck('canned:save', { shortcut: 'thanks', text: 'Thank you!' }));
  const ship = unwrap(
    await admin.emitWithAck('canned:save', { shortcut: 'ship', text: 'Shipping takes 3-5 business days.', departmentId: billing.id }),
  );
  unwrap(await bea.socket.emitWithAck('canned:save', { shortcut: 'bea', text: 'Bea here.', personal: true }));

  // What a reload of the admin's Canned replies page asks for: the Billing reply is still there to edit.
  expect(shortcutsOf(unwrap(await admin.emitWithAck('canned:list', {})))).toEqual(['ship', 'thanks']);
  expect(shortcutsOf(unwrap(await salesAdmin.socket.emitWithAck('canned:list', {})))).toEqual(['ship', 'thanks']);
  unwrap(await salesAdmin.socket.emitWithAck('canned:save', { id: ship.id, shortcut: 'ship', text: 'Shipping takes 2 days.', departmentId: billing.id }));
  expect(shortcutsOf(unwrap(await dana.socket.emitWithAck('canned:list', {})))).toEqual(['ship', 'thanks']);
  expect(shortcutsOf(unwrap(await carl.socket.emitWithAck('canned:list', {})))).toEqual(['ship', 'thanks']);
  // An agent of another department only, and nobody else's personal replies.
  expect(shortcutsOf(unwrap(await bea.socket.emitWithAck('canned:list', {})))).toEqual(['bea', 'thanks']);
});

/** Every canned reply change a console is told of, as `saved:/shortcut text` or `deleted:<id>`. */
function cannedNews(socket: AgentClient): string[] {
  const heard: string[] = [];
  socket.on('canned:saved', (reply) => heard.push(`saved:/${reply.shortcut} ${reply.text}`));
  socket.on('canned:deleted', ({ id }) => heard.push(`deleted:${id}`));
  return heard;
}

test('consoles already signed in hear of replies added, edited and deleted; personal ones only their owner', async () => {
  const admin = await connectAgent(server.url, adminToken);
  const carl = await addAgent(server, { name: 'Carl' });
  const bea = await addAgent(server, { name: 'Bea' });
  server.track(admin, carl.socket, bea.socket);
  const [carlHeard, beaHeard] = [cannedNews(carl.socket), cannedNews(bea.socket)];

  const added = eventMatching(carl.socket, 'canned:saved', () => true);
  const ship = unwrap(await admin.emitWithAck('canned:save', { shortcut: 'ship', text: 'Shipping takes 3 days.' }));
  expect(await added).toEqual(ship);
  unwrap(await bea.socket.emitWithAck('canned:save', { shortcut: 'mine', text: 'Bea here.', personal: true }));
  unwrap(await admin.emitWithAck('canned:save', { id: ship.id, shortcut: 'ship', text: 'Shipping takes 2 days.' }));
  const deleted = [carl.socket, bea.socket].map((socket) => eventMatching(socket, 'canned:deleted', () => true));
  unwrap(await admin.emitWithAck('canned:delete', { id: ship.id }));
  await Promise.all(deleted);

  expect(carlHeard).toEqual(['saved:/ship Shipping takes 3 days.', 'saved:/ship Shipping takes 2 days.', `deleted:${ship.id}`]);
  expect(beaHeard).toEqual([
    'saved:/ship Shipping takes 3 days.', 'saved:/mine Bea here.', 'saved:/ship Shipping takes 2 days.', `deleted:${ship.id}`,
  ]);
});

test('a shared reply an admin makes personal is dropped by the other consoles, which never see its new text', async () => {
  const admin = await connectAgent(server.url, adminToken);
  const carl = await addAgent(server, { name: 'Carl' });
  server.track(admin, carl.socket);
  const carlHeard = cannedNews(carl.socket);
  const hello = unwrap(await admin.emitWithAck('canned:save', { shortcut: 'hello', text: 'Hello!' }));
  const adminHears = eventMatching(admin, 'canned:saved', (reply: { text: string }) => reply.text === 'Hi, admin here.');
  const carlDrops = eventMatching(carl.socket, 'canned:deleted', () => true);
  unwrap(await admin.emitWithAck('canned:save', { id: hello.id, shortcut: 'hello', text: 'Hi, admin here.', personal: true }));
  await Promise.all([adminHears, carlDrops]);
  // Carl hears of the next shared change, so anything sent him before it has arrived.
  const next = eventMatching(carl.socket, 'canned:saved', (reply: { shortcut: string }) => reply.shortcut === 'bye');
  unwrap(await admin.emitWithAck('canned:save', { shortcut: 'bye', text: 'Bye!' }));
  await next;
  expect(carlHeard).toEqual(['saved:/hello Hello!', `deleted:${hello.id}`, 'saved:/bye Bye!']);
});
