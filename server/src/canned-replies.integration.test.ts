/** Canned replies over real sockets: who is offered which replies, and consoles kept up to date. */
import { addAgent } from './test-support/agents';
import { connectAgent, login, unwrap } from './test-support/clients';
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
