/** Escalating a chat that already became a ticket, without a network, on the real SQLite store. */
import type { Agent, Conversation, Site, Ticket } from '@parley/shared';
import { seedAgent, seedConversation, seedSite } from '../store/contract/seed';
import { broadcasterStub } from '../test-support/broadcaster-stub';
import { useSqliteStoreForFile } from '../test-support/sqlite-store-for-file';
import type { Store } from '../store/store';
import { createRecordingMailer } from '../test-support/recording-mailer';
import type { Broadcaster } from './broadcaster.port';
import { createEscalationService, type EscalationService } from './escalation.service';
import { createTicketLinks } from './ticket-links';
import { createTicketNotifier } from './ticket-notifier';

let store: Store;
let service: EscalationService;
let site: Site;
let agent: Agent;
const told = { visitor: [] as number[], chats: [] as Conversation[] };

function recordingBroadcaster(): Broadcaster {
  return broadcasterStub({
    conversationUpdated: (conversation) => told.chats.push(conversation),
    visitorTicketCreated: (_conversation, receipt) => told.visitor.push(receipt.ticketNumber),
  });
}

useSqliteStoreForFile((opened) => (store = opened));
beforeEach(async () => {
  told.visitor.length = 0;
  told.chats.length = 0;
  const notifier = createTicketNotifier({
    mailer: createRecordingMailer(), links: createTicketLinks({ secret: 'test-secret', publicUrl: 'http://127.0.0.1' }),
  });
  service = createEscalationService({ store, broadcaster: recordingBroadcaster(), notifier });
  site = await seedSite(store);
  agent = await seedAgent(store, site.id);
});

/** A chat the visitor left unanswered (a tier 1, normal ticket), then reopened by an agent who took it. */
async function reopenedChatWithTicket(): Promise<{ conversation: Conversation; ticket: Ticket }> {
  const { visitor, conversation } = await seedConversation(store, site);
  const { ticket } = await service.visitorEnds(visitor);
  if (!ticket) throw new Error('the unanswered chat should have become a ticket');
  await store.reopenConversation(conversation.id);
  await store.assignConversation({ conversationId: conversation.id, agentId: agent.id, maxChats: 5 });
  told.visitor.length = 0;
  return { conversation, ticket };
}

test('escalating a reopened chat escalates its ticket: tier, priority and the note are kept, and the chat goes back to the ticket', async () => {
  const { conversation, ticket } = await reopenedChatWithTicket();
  expect(ticket).toMatchObject({ tier: 1, priority: 'normal' });

  const escalated = await service.escalateByAgent(agent, { conversationId: conversation.id, tier: 2, priority: 'high', note: 'ESC2-NOTE refund twice' });

  expect(escalated).toMatchObject({ id: ticket.id, number: ticket.number, tier: 2, priority: 'high', assigneeAgentId: null });
  expect(await store.findTicket(ticket.id)).toMatchObject({ tier: 2, priority: 'high' });
  const events = await store.listTicketEvents(ticket.id);
  expect(events.map((e) => e.kind)).toEqual(['created', 'note']);
  expect(events[1]).toMatchObject({ authorId: agent.id, text: 'ESC2-NOTE refund twice' });
  expect(events[1]?.changes).toEqual(expect.arrayContaining([
    { field: 'tier', from: 1, to: 2 }, { field: 'priority', from: 'normal', to: 'high' },
  ]));
  // The requester's page never shows the note.
  expect((await store.listTicketEvents(ticket.id, { includeNotes: false })).map((e) => e.kind)).toEqual(['created']);
  expect(await store.findConversation(conversation.id)).toMatchObject({ status: 'resolved', ticketId: ticket.id });
  expect(told.chats.at(-1)).toMatchObject({ id: conversation.id, status: 'resolved' });
  expect(told.visitor).toEqual([ticket.number]);
});

test('a re-escalation to a higher tier starts that tier’s clocks afresh; asking for a lower tier than the ticket has keeps the higher one', async () => {
  const { conversation, ticket } = await reopenedChatWithTicket();
  const second = await service.escalateByAgent(agent, { conversationId: conversation.id, tier: 3, priority: 'urgent' });
  expect(Date.parse(second.tierStartedAt)).toBeGreaterThanOrEqual(Date.parse(ticket.tierStartedAt));
  expect(second.firstResponseDueAt).not.toBe(ticket.firstResponseDueAt);

  await store.reopenConversation(conversation.id);
  const third = await service.escalateByAgent(agent, { conversationId: conversation.id, tier: 2, priority: 'low' });
  expect(third).toMatchObject({ tier: 3, priority: 'low', tierStartedAt: second.tierStartedAt });
  expect(await store.findConversation(conversation.id)).toMatchObject({ status: 'resolved' });
});

test('escalating a reopened chat whose ticket was solved opens the ticket again', async () => {
  const { conversation, ticket } = await reopenedChatWithTicket();
  await store.updateTicket({ ticketId: ticket.id, patch: { status: 'solved', solvedAt: new Date().toISOString() }, event: null });

  const escalated = await service.escalateByAgent(agent, { conversationId: conversation.id, tier: 1, priority: 'normal' });

  // Tier 1 as before: it stays with the agent who escalated, as on a first escalation.
  expect(escalated).toMatchObject({ status: 'open', solvedAt: null, tier: 1, assigneeAgentId: agent.id });
  const last = (await store.listTicketEvents(ticket.id)).at(-1);
  expect(last).toMatchObject({ kind: 'change', changes: expect.arrayContaining([{ field: 'status', from: 'solved', to: 'open' }]) });
});

test('a plain agent cannot escalate a colleague’s live chat, as they cannot resolve it; its agent, a helper and an admin can', async () => {
  const colleague = await seedAgent(store, site.id);
  const chatOf = async () => {
    const { conversation } = await seedConversation(store, site);
    return (await store.assignConversation({ conversationId: conversation.id, agentId: agent.id, maxChats: 5 })) as Conversation;
  };
  const request = (conversation: Conversation) => ({ conversationId: conversation.id, tier: 2 as const, priority: 'high' as const });

  const theirs = await chatOf();
  await expect(service.escalateByAgent(colleague, request(theirs))).rejects.toMatchObject({ code: 'FORBIDDEN' });
  expect((await store.findConversation(theirs.id))?.status).toBe('assigned');
  expect(told.visitor).toEqual([]);

  await expect(service.escalateByAgent(agent, request(theirs))).resolves.toMatchObject({ tier: 2, priority: 'high' });
  const helped = await chatOf();
  await store.addParticipant({ conversationId: helped.id, agentId: colleague.id });
  await expect(service.escalateByAgent(colleague, request(helped))).resolves.toMatchObject({ tier: 2 });
  const admin = { ...colleague, role: 'admin' as const };
  await expect(service.escalateByAgent(admin, request(await chatOf()))).resolves.toMatchObject({ tier: 2 });
  // A waiting chat is nobody's yet: any agent may make it a ticket.
  const { conversation: waiting } = await seedConversation(store, site);
  await expect(service.escalateByAgent(colleague, request(waiting))).resolves.toMatchObject({ tier: 2 });
});
