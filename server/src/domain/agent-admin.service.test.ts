/** Deleting departments and deactivating agents without a network, on the real SQLite store and real routing. */
import type { Agent, Conversation, Department, Site, Ticket } from '@parley/shared';
import { seedSite, seedTicket, seedVisitor } from '../store/contract/seed';
import { broadcasterStub } from '../test-support/broadcaster-stub';
import { useSqliteStoreForFile } from '../test-support/sqlite-store-for-file';
import type { Store } from '../store/store';
import { createAgentAdminService, type AgentAdminService } from './agent-admin.service';
import type { Broadcaster } from './broadcaster.port';
import { DomainError } from './domain-error';
import { createRoutingService } from './routing.service';

let store: Store;
let service: AgentAdminService;
let site: Site;
let admin: Agent;
let sales: Department;
let billing: Department;
const heard = { agents: [] as Agent[], conversations: [] as Conversation[], tickets: [] as Ticket[], departments: [] as string[] };

function recordingBroadcaster(): Broadcaster {
  return broadcasterStub({
    ticketUpdated: (ticket) => heard.tickets.push(ticket),
    conversationUpdated: (conversation) => heard.conversations.push(conversation),
    agentUpdated: (agent) => heard.agents.push(agent),
  });
}

useSqliteStoreForFile((opened) => (store = opened));
beforeEach(async () => {
  heard.agents.length = 0;
  heard.conversations.length = 0;
  heard.tickets.length = 0;
  heard.departments.length = 0;
  const broadcaster = recordingBroadcaster();
  const routing = createRoutingService({ store, broadcaster });
  const team = {
    departmentSaved: (department: Department) => heard.departments.push(`saved ${department.name}`),
    departmentDeleted: ({ id }: { id: string }) => heard.departments.push(`deleted ${id}`),
  };
  service = createAgentAdminService({
    store, broadcaster, routing, team, sessions: { disconnectAgent: () => undefined, disconnectSession: () => undefined },
  });
  site = await seedSite(store);
  admin = await addAgent('admin', []);
  sales = await store.createDepartment({ siteId: site.id, name: 'Sales' });
  billing = await store.createDepartment({ siteId: site.id, name: 'Billing' });
});

async function addAgent(role: Agent['role'], departmentIds: string[]): Promise<Agent> {
  const email = `${role}-${Math.random().toString(36).slice(2)}@example.test`;
  return store.createAgent({ siteId: site.id, email, name: role, role, passwordHash: 'scrypt$x', departmentIds });
}

async function queuedChatIn(departmentId: string): Promise<Conversation> {
  const visitor = await seedVisitor(store, site.id);
  const opened = await store.openConversation({ siteId: site.id, visitorId: visitor.id, visitorName: 'Vera', locale: 'en', departmentId });
  return opened.conversation;
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => (error instanceof DomainError ? error.toParleyError() : error),
  );

test('only an admin deletes, and only a department of their own site', async () => {
  const agent = await addAgent('agent', []);
  expect(await refusal(service.deleteDepartment(agent, sales.id))).toMatchObject({ code: 'FORBIDDEN' });
  const otherSite = await seedSite(store);
  const otherDepartment = await store.createDepartment({ siteId: otherSite.id, name: 'Sales' });
  expect(await refusal(service.deleteDepartment(admin, otherDepartment.id))).toMatchObject({ code: 'NOT_FOUND' });
  expect(await store.listDepartments(otherSite.id)).toEqual([otherDepartment]);
  expect(await store.listDepartments(site.id)).toEqual([billing, sales]);
});

test('a department in use is refused with what to move first, and stays', async () => {
  await store.updateSiteSettings(site.id, { defaultDepartmentId: sales.id });
  await queuedChatIn(sales.id);
  await queuedChatIn(sales.id);
  await store.saveCannedReply({ siteId: site.id, shortcut: 'hello', text: 'Hi from sales', departmentId: sales.id, ownerAgentId: null });
  await store.saveCannedReply({ siteId: site.id, shortcut: 'hello', text: 'Hi', departmentId: null, ownerAgentId: null });

  const error = await refusal(service.deleteDepartment(admin, sales.id));
  expect(error).toEqual({
    code: 'DEPARTMENT_IN_USE',
    message: expect.stringContaining('2 open conversation(s)'),
    issues: [
      { path: 'defaultDepartmentId', message: expect.stringContaining('default department') },
      { path: 'openConversations', message: expect.stringContaining('2 open conversation(s)') },
      { path: 'cannedReplies', message: expect.stringContaining('/hello') },
    ],
  });
  expect(await store.listDepartments(site.id)).toEqual([billing, sales]);
  expect(heard.agents).toEqual([]);
});

test("agents lose it from their lists (colleagues hear of it), and one who served it alone now takes a waiting chat of any department", async () => {
  const sam = await addAgent('agent', [sales.id]);
  const both = await addAgent('agent', [sales.id, billing.id]);
  await store.setAgentStatus(sam.id, 'online');
  const waiting = await queuedChatIn(billing.id);
  // Only Sales is Sam's, and the only Billing agent is offline: the chat waits.
  await createRoutingService({ store, broadcaster: recordingBroadcaster() }).routeSite(site.id);
  expect((await store.findConversation(waiting.id))?.status).toBe('queued');

  await service.deleteDepartment(admin, sales.id);

  expect(await store.listDepartments(site.id)).toEqual([billing]);
  expect(heard.agents.map((a) => [a.id, a.departmentIds]).sort()).toEqual(
    [[sam.id, []], [both.id, [billing.id]]].sort(),
  );
  expect(await store.findConversation(waiting.id)).toMatchObject({ status: 'assigned', assignedAgentId: sam.id });
  expect(heard.conversations.map((c) => c.id)).toContain(waiting.id);
  expect(await refusal(service.deleteDepartment(admin, sales.id))).toMatchObject({ code: 'NOT_FOUND' });
});

test("deactivating an agent gives their unsolved tickets back to the queue, each timeline saying so; solved ones stay theirs", async () => {
  const leaver = await addAgent('agent', []);
  const colleague = await addAgent('agent', []);
  const ticketOf = async (assigneeAgentId: string, status: Ticket['status']) => {
    const ticket = await seedTicket(store, site.id);
    return (await store.updateTicket({ ticketId: ticket.id, patch: { assigneeAgentId, status }, event: null })) as Ticket;
  };
  const open = await ticketOf(leaver.id, 'open');
  const pending = await ticketOf(leaver.id, 'pending');
  const solved = await ticketOf(leaver.id, 'solved');
  const colleagues = await ticketOf(colleague.id, 'open');

  await service.updateAgent(admin, leaver.id, { active: false });

  const assignee = async (ticket: Ticket) => (await store.findTicket(ticket.id))?.assigneeAgentId;
  expect([await assignee(open), await assignee(pending), await assignee(solved), await assignee(colleagues)])
    .toEqual([null, null, leaver.id, colleague.id]);
  const unassigned = await store.searchTickets({
    siteId: site.id, agentId: admin.id, view: 'unassigned', sort: 'created_asc', limit: 50, offset: 0,
    now: new Date().toISOString(), breachingWithinMinutes: 60,
  });
  expect(unassigned.tickets.map((t) => t.id)).toEqual([open.id, pending.id]);
  expect((await store.listTicketEvents(open.id)).at(-1)).toMatchObject({
    kind: 'change', authorKind: 'agent', authorId: admin.id, changes: [{ field: 'assigneeAgentId', from: leaver.id, to: null }],
  });
  // Consoles move them to Unassigned at once.
  expect(heard.tickets.map((t) => [t.id, t.assigneeAgentId])).toEqual([[open.id, null], [pending.id, null]]);
});

test('open consoles hear of departments added, renamed and deleted; a refused change says nothing', async () => {
  const support = await service.createDepartment(admin, 'Support');
  await service.renameDepartment(admin, support.id, 'Help desk');
  await expect(service.renameDepartment(admin, support.id, 'Sales')).rejects.toMatchObject({ code: 'ALREADY_TAKEN' });
  await service.deleteDepartment(admin, support.id);
  expect(heard.departments).toEqual(['saved Support', 'saved Help desk', `deleted ${support.id}`]);
});
