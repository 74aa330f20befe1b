/** Migrations on data an older Parley wrote: nothing is lost and the rules still hold afterwards. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { buildSync } from 'esbuild';
import { StoreConflictError } from '../store';
import { migrate } from './migrations';
import { openSqliteStore } from './sqlite.store';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-migrations-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A version-15 database: a site with two departments, one of them used by a chat, a ticket and a reply. */
function writeVersion15(filename: string): void {
  const db = new Database(filename);
  db.pragma('foreign_keys = ON');
  migrate(db, 15);
  const at = '2030-01-01T00:00:00.000Z';
  db.exec(`
    INSERT INTO sites (id, key, name, created_at) VALUES ('site-1', 'site_key_1', 'Acme', '${at}');
    INSERT INTO departments (id, site_id, name, created_at) VALUES ('dept-sales', 'site-1', 'Sales', '${at}'), ('dept-billing', 'site-1', 'Billing', '${at}');
    INSERT INTO visitors (id, site_id, token_hash, created_at) VALUES ('visitor-1', 'site-1', 'token-hash-1', '${at}');
    INSERT INTO conversations (id, site_id, visitor_id, status, department_id, created_at, updated_at, queued_at)
      VALUES ('chat-1', 'site-1', 'visitor-1', 'resolved', 'dept-sales', '${at}', '${at}', '${at}');
    INSERT INTO tickets (id, site_id, number, subject, status, priority, tier, department_id, source, created_at, updated_at, tier_started_at)
      VALUES ('ticket-1', 'site-1', 1001, 'Refund', 'closed', 'normal', 1, 'dept-sales', 'chat', '${at}', '${at}', '${at}');
    INSERT INTO canned_replies (id, site_id, shortcut, text, department_id, scope_key)
      VALUES ('reply-1', 'site-1', 'refund', 'Your refund is on its way.', 'dept-sales', 'dept:dept-sales');
  `);
  db.close();
}

/** The version-15 database brought up to `version`, open with foreign keys on, for a test to add rows. */
function openAtVersion(filename: string, version: number): Database.Database {
  writeVersion15(filename);
  const db = new Database(filename);
  db.pragma('foreign_keys = ON');
  migrate(db, version);
  return db;
}

/** Opens the file again with foreign keys on: no reference is broken, and `breaking` is refused. */
function expectReferencesEnforced(filename: string, breaking: string): void {
  const db = new Database(filename);
  db.pragma('foreign_keys = ON');
  try {
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(() => db.prepare(breaking).run()).toThrow(/FOREIGN KEY/);
  } finally {
    db.close();
  }
}

test('16 keeps every department and what points at them, and names stay unique among live departments', async () => {
  const filename = path.join(dir, 'parley.sqlite');
  writeVersion15(filename);

  const store = openSqliteStore({ filename });
  expect((await store.listDepartments('site-1')).map((d) => d.id)).toEqual(['dept-billing', 'dept-sales']);
  expect((await store.findConversation('chat-1'))?.departmentId).toBe('dept-sales');
  expect((await store.findTicket('ticket-1'))?.departmentId).toBe('dept-sales');
  expect((await store.findCannedReply('reply-1'))?.departmentId).toBe('dept-sales');
  await expect(store.createDepartment({ siteId: 'site-1', name: 'Sales' })).rejects.toBeInstanceOf(StoreConflictError);
  expect(await store.deleteDepartment({ siteId: 'site-1', departmentId: 'dept-sales' })).toMatchObject({ outcome: 'deleted' });
  await store.createDepartment({ siteId: 'site-1', name: 'Sales' });
  await store.close();

  // The rebuilt table is still the one the references are checked against.
  expectReferencesEnforced(filename, "UPDATE conversations SET department_id = 'dept-none' WHERE id = 'chat-1'");
});

test('17 keeps every message, and a resend of any of them is still found and not stored twice', async () => {
  const filename = path.join(dir, 'parley.sqlite');
  const db = openAtVersion(filename, 16);
  const at = '2030-01-01T00:00:00.000Z';
  db.exec(`
    INSERT INTO conversations (id, site_id, visitor_id, status, created_at, updated_at, queued_at, last_seq)
      VALUES ('chat-2', 'site-1', 'visitor-1', 'queued', '${at}', '${at}', '${at}', 3);
    INSERT INTO messages (id, conversation_id, seq, client_id, author_kind, author_id, author_name, text, created_at, internal, attachments_json) VALUES
      ('m-1', 'chat-2', 1, 'f3a9c2d4e5b60718293a4b5c6d7e8f90', 'visitor', 'visitor-1', 'Ann', 'Hello', '${at}', 0, NULL),
      ('m-2', 'chat-2', 2, 'note-0000000001', 'agent', 'agent-1', 'Bo', 'VIP customer', '${at}', 1, NULL),
      ('m-3', 'chat-2', 3, '00a1b2c3d4e5f60718293a4b5c6d7e8f', 'visitor', 'visitor-1', 'Ann', 'See attached', '${at}', 0,
        '[{"id":"file-1","name":"invoice.pdf","contentType":"application/pdf","size":1200,"url":"/files/file-1"}]');
  `);
  db.close();

  const store = openSqliteStore({ filename });
  const kept = await store.listMessages({ conversationId: 'chat-2' });
  expect(kept.map((m) => [m.seq, m.clientId, m.text, m.internal])).toEqual([
    [1, 'f3a9c2d4e5b60718293a4b5c6d7e8f90', 'Hello', false],
    [2, 'note-0000000001', 'VIP customer', true],
    [3, '00a1b2c3d4e5f60718293a4b5c6d7e8f', 'See attached', false],
  ]);
  expect(kept[2]?.attachments).toEqual([expect.objectContaining({ id: 'file-1', name: 'invoice.pdf' })]);
  const author = { kind: 'visitor', id: 'visitor-1', name: 'Ann' } as const;
  const resent = await store.appendMessage({ conversationId: 'chat-2', clientId: 'f3a9c2d4e5b60718293a4b5c6d7e8f90', author, text: 'Hello again' });
  expect(resent).toMatchObject({ created: false, message: { seq: 1, text: 'Hello' } });
  const next = await store.appendMessage({ conversationId: 'chat-2', clientId: '0mwul2anjf00dfeed', author, text: 'Anyone?' });
  expect(next).toMatchObject({ created: true, message: { seq: 4 } });
  // The same client id in another conversation is another message.
  expect(await store.appendMessage({ conversationId: 'chat-1', clientId: '0mwul2anjf00dfeed', author, text: 'Old chat' }))
    .toMatchObject({ created: true, message: { seq: 1 } });
  await store.close();

  // The rebuilt messages still belong to conversations that exist.
  expectReferencesEnforced(filename, "UPDATE messages SET conversation_id = 'chat-none' WHERE id = 'm-1'");
});

test("18 gives each conversation its latest message's time, and none to one without messages", async () => {
  const filename = path.join(dir, 'parley.sqlite');
  const db = openAtVersion(filename, 17);
  const at = '2030-01-01T00:00:00.000Z';
  // Reassigned after its last message: updated_at is later than any message.
  db.exec(`
    INSERT INTO conversations (id, site_id, visitor_id, status, created_at, updated_at, queued_at, last_seq)
      VALUES ('chat-2', 'site-1', 'visitor-1', 'assigned', '${at}', '2030-01-01T09:00:00.000Z', '${at}', 2);
    INSERT INTO messages (id, conversation_id, seq, client_id, author_kind, author_id, text, created_at) VALUES
      ('m-1', 'chat-2', 1, 'client-first-1', 'visitor', 'visitor-1', 'Hello', '2030-01-01T08:00:00.000Z'),
      ('m-2', 'chat-2', 2, 'client-second-1', 'visitor', 'visitor-1', 'Anyone?', '2030-01-01T08:05:00.000Z');
  `);
  db.close();

  const store = openSqliteStore({ filename });
  expect(await store.findConversation('chat-2')).toMatchObject({
    updatedAt: '2030-01-01T09:00:00.000Z', lastMessageAt: '2030-01-01T08:05:00.000Z',
  });
  expect((await store.findConversation('chat-1'))?.lastMessageAt).toBeNull();
  await store.close();
});

test("19 previews each conversation's latest message: on one line, cut, a note marked, files by their names", async () => {
  const filename = path.join(dir, 'parley.sqlite');
  const db = openAtVersion(filename, 18);
  const at = '2030-01-01T00:00:00.000Z';
  const long = `${'Ω'.repeat(139)}😀 and the rest`;
  const files = JSON.stringify([{ id: 'file-1', name: 'invoice.pdf', size: 10, contentType: 'application/pdf', isImage: false }]);
  db.exec(`
    INSERT INTO conversations (id, site_id, visitor_id, status, created_at, updated_at, queued_at, last_seq) VALUES
      ('chat-2', 'site-1', 'visitor-1', 'resolved', '${at}', '${at}', '${at}', 2),
      ('chat-3', 'site-1', 'visitor-1', 'resolved', '${at}', '${at}', '${at}', 1),
      ('chat-4', 'site-1', 'visitor-1', 'assigned', '${at}', '${at}', '${at}', 1);
    INSERT INTO messages (id, conversation_id, seq, client_id, author_kind, author_id, text, internal, created_at, attachments_json) VALUES
      ('m-1', 'chat-2', 1, 'client-first-1', 'visitor', 'visitor-1', 'Hello', 0, '${at}', NULL),
      ('m-2', 'chat-2', 2, 'client-second-1', 'agent', 'agent-1', 'Refund
  approved', 1, '${at}', NULL),
      ('m-3', 'chat-3', 1, 'client-third-1', 'visitor', 'visitor-1', '${long}', 0, '${at}', NULL),
      ('m-4', 'chat-4', 1, 'client-fourth-1', 'visitor', 'visitor-1', '', 0, '${at}', '${files}');
  `);
  db.close();

  const store = openSqliteStore({ filename });
  expect((await store.findConversation('chat-2'))?.lastMessagePreview).toEqual({
    text: 'Refund approved', authorKind: 'agent', authorId: 'agent-1', internal: true,
  });
  expect((await store.findConversation('chat-3'))?.lastMessagePreview?.text).toBe(`${'Ω'.repeat(139)}😀…`);
  expect((await store.findConversation('chat-4'))?.lastMessagePreview).toMatchObject({ text: 'invoice.pdf', authorKind: 'visitor' });
  expect((await store.findConversation('chat-1'))?.lastMessagePreview).toBeNull();
  await store.close();
});

test('24 keeps every upload and ticket event: earlier events have no files, earlier uploads no ticket, and both still work', async () => {
  const filename = path.join(dir, 'parley.sqlite');
  const db = openAtVersion(filename, 23);
  const at = '2030-01-01T00:00:00.000Z';
  db.exec(`
    INSERT INTO attachments (id, site_id, conversation_id, uploader_kind, uploader_id, file_id, name, size, content_type, is_image, created_at, message_client_id, internal)
      VALUES ('upload-sent-1', 'site-1', 'chat-1', 'visitor', 'visitor-1', 'file-sent-1', 'invoice.pdf', 1200, 'application/pdf', 0, '${at}', 'client-first-1', 0),
             ('upload-unsent-1', 'site-1', NULL, 'visitor', 'visitor-1', 'file-unsent-1', 'cat.png', 68, 'image/png', 1, '${at}', NULL, 0);
    INSERT INTO ticket_events (id, ticket_id, seq, kind, author_kind, author_id, author_name, text, changes_json, created_at) VALUES
      ('event-1', 'ticket-1', 1, 'created', 'system', NULL, NULL, 'Transcript', '[]', '${at}'),
      ('event-2', 'ticket-1', 2, 'reply', 'agent', 'agent-1', 'Bo', 'Refund sent', '[{"field":"status","from":"new","to":"open"}]', '${at}');
  `);
  db.close();

  const store = openSqliteStore({ filename });
  const events = await store.listTicketEvents('ticket-1');
  expect(events.map((e) => [e.id, e.kind, e.text, e.changes.length, e.attachments])).toEqual([
    ['event-1', 'created', 'Transcript', 0, []],
    ['event-2', 'reply', 'Refund sent', 1, []],
  ]);
  expect(await store.findAttachment('upload-sent-1')).toMatchObject({
    conversationId: 'chat-1', ticketId: null, fileId: 'file-sent-1', messageClientId: 'client-first-1', internal: false,
  });
  expect(await store.findAttachment('upload-unsent-1')).toMatchObject({ conversationId: null, ticketId: null, messageClientId: null, isImage: true });
  expect((await store.listUnsentAttachments({ before: '2030-01-02T00:00:00.000Z', limit: 10 })).map((a) => a.id)).toEqual(['upload-unsent-1']);
  // An earlier upload still goes out with a chat message, and not with a ticket reply.
  const claim = { ids: ['upload-unsent-1'], siteId: 'site-1', uploader: { kind: 'visitor' as const, id: 'visitor-1' }, internal: false };
  expect(await store.claimTicketAttachments({ ...claim, ticketId: 'ticket-1', replyKey: 'reply-1' })).toBeNull();
  expect((await store.claimAttachments({ ...claim, conversationId: 'chat-1', clientId: 'client-second-1' }))?.map((a) => a.id)).toEqual(['upload-unsent-1']);
  // A new event keeps its files after the earlier ones.
  const file = { id: 'upload-ticket-1', name: 'label.pdf', size: 10, contentType: 'application/pdf', isImage: false } as const;
  await store.updateTicket({
    ticketId: 'ticket-1', patch: {},
    event: { kind: 'note', authorKind: 'agent', authorId: 'agent-1', authorName: 'Bo', text: 'See label', changes: [], attachments: [file] },
  });
  expect((await store.listTicketEvents('ticket-1')).map((e) => e.attachments)).toEqual([[], [], [file]]);
  await store.close();
});

test('25 keeps case variants an older Parley let in, names and all, and refuses new ones regardless of case', async () => {
  const filename = path.join(dir, 'parley.sqlite');
  const db = openAtVersion(filename, 24);
  const later = '2030-02-01T00:00:00.000Z';
  // 'Billing' (dept-billing) came first; 'billing' and ' BILLING' came later, as did 'Отдел' and 'отдел'.
  db.exec(`
    INSERT INTO departments (id, site_id, name, created_at) VALUES
      ('dept-billing-2', 'site-1', 'billing', '${later}'), ('dept-billing-3', 'site-1', 'BILLING', '${later}'),
      ('dept-ru-1', 'site-1', 'Отдел', '2030-01-05T00:00:00.000Z'), ('dept-ru-2', 'site-1', 'отдел', '${later}');
    INSERT INTO canned_replies (id, site_id, shortcut, text, department_id, scope_key) VALUES
      ('reply-2', 'site-1', 'hello', 'Hello!', NULL, ''), ('reply-3', 'site-1', 'HELLO', 'HELLO!', NULL, ''),
      ('reply-4', 'site-1', 'Hello', 'Hello, sales!', 'dept-sales', 'dept:dept-sales');
  `);
  db.close();

  const store = openSqliteStore({ filename });
  // Nothing renamed, nothing lost.
  expect((await store.listDepartments('site-1')).map((d) => [d.id, d.name]).sort()).toEqual([
    ['dept-billing', 'Billing'], ['dept-billing-2', 'billing'], ['dept-billing-3', 'BILLING'],
    ['dept-ru-1', 'Отдел'], ['dept-ru-2', 'отдел'], ['dept-sales', 'Sales'],
  ]);
  const replies = await store.listCannedReplies({ siteId: 'site-1', agentId: 'agent-1', departmentIds: ['dept-sales'] });
  expect(replies.map((r) => r.shortcut).sort()).toEqual(['HELLO', 'Hello', 'hello', 'refund']);
  // New case variants are refused, Cyrillic included; a variant renamed is checked like any rename.
  for (const name of ['billing', 'BiLLing', 'ОТДЕЛ']) {
    await expect(store.createDepartment({ siteId: 'site-1', name })).rejects.toBeInstanceOf(StoreConflictError);
  }
  await expect(store.renameDepartment({ siteId: 'site-1', departmentId: 'dept-billing-2', name: 'Billing' })).rejects.toBeInstanceOf(StoreConflictError);
  expect(await store.renameDepartment({ siteId: 'site-1', departmentId: 'dept-billing-2', name: 'Billing (old)' })).toMatchObject({ name: 'Billing (old)' });
  const newReply = { siteId: 'site-1', shortcut: 'Hello', text: 'Hi', departmentId: null, ownerAgentId: null };
  await expect(store.saveCannedReply(newReply)).rejects.toBeInstanceOf(StoreConflictError);
  await store.close();
});

test('26 brings agents back online on their next console, as before, except one who was away, who comes back away', async () => {
  const filename = path.join(dir, 'parley.sqlite');
  const db = openAtVersion(filename, 25);
  const at = '2030-01-01T00:00:00.000Z';
  const insertAgent = db.prepare(
    `INSERT INTO agents (id, site_id, email, name, role, status, password_hash, department_ids_json, languages_json, max_chats, created_at)
     VALUES (?, 'site-1', ?, ?, 'agent', ?, 'hash', '[]', '[]', 4, '${at}')`,
  );
  for (const status of ['online', 'away', 'offline']) insertAgent.run(`agent-${status}`, `${status}@example.com`, status, status);
  db.close();

  const store = openSqliteStore({ filename });
  // Their consoles went while the new version started: each is offline until one connects again.
  for (const status of ['online', 'away']) await store.setAgentStatus(`agent-${status}`, 'offline');
  const resumed = async (id: string) => (await store.resumeChosenStatus(id, at))?.status ?? null;
  expect([await resumed('agent-online'), await resumed('agent-away'), await resumed('agent-offline')]).toEqual(['online', 'away', 'online']);
  await store.close();
});

test('28 credits each answered chat to the author of its first public agent message, not to the agent holding it now', async () => {
  const filename = path.join(dir, 'parley.sqlite');
  const db = openAtVersion(filename, 27);
  const at = (minute: number) => `2030-01-02T00:0${minute}:00.000Z`;
  const insertAgent = db.prepare(
    `INSERT INTO agents (id, site_id, email, name, role, status, password_hash, department_ids_json, languages_json, max_chats, created_at)
     VALUES (?, 'site-1', ?, ?, 'agent', 'online', 'hash', '[]', '[]', 4, '${at(0)}')`,
  );
  for (const name of ['eve', 'carl']) insertAgent.run(`agent-${name}`, `${name}@example.com`, name);
  const insertChat = db.prepare(
    `INSERT INTO conversations (id, site_id, visitor_id, status, assigned_agent_id, created_at, updated_at, queued_at, first_response_at,
       resolved_at, last_seq)
     VALUES (?, 'site-1', 'visitor-1', 'resolved', 'agent-carl', '${at(0)}', '${at(0)}', '${at(0)}', ?, '${at(6)}', 5)`,
  );
  insertChat.run('chat-transferred', at(4));
  insertChat.run('chat-without-messages', at(1));
  insertChat.run('chat-unanswered', null);
  const insertMessage = db.prepare(
    `INSERT INTO messages (id, conversation_id, seq, client_id, author_kind, author_id, text, created_at, internal, event_json)
     VALUES (?, ?, ?, ?, ?, ?, 'text', ?, ?, ?)`,
  );
  // Carl's note and the transfer line come before Eve's answer; neither is an answer to the visitor.
  insertMessage.run('m-1', 'chat-transferred', 1, 'c-1', 'visitor', 'visitor-1', at(1), 0, null);
  insertMessage.run('m-2', 'chat-transferred', 2, 'c-2', 'agent', 'agent-carl', at(2), 1, null);
  insertMessage.run('m-3', 'chat-transferred', 3, 'c-3', 'agent', 'agent-carl', at(3), 0, '{"type":"transferred","from":"Carl","to":"Eve"}');
  insertMessage.run('m-4', 'chat-transferred', 4, 'c-4', 'agent', 'agent-eve', at(4), 0, null);
  insertMessage.run('m-5', 'chat-transferred', 5, 'c-5', 'agent', 'agent-carl', at(5), 0, null);
  insertMessage.run('m-6', 'chat-unanswered', 1, 'c-6', 'agent', 'agent-carl', at(1), 1, null);
  db.close();

  const store = openSqliteStore({ filename });
  const groups = await store.analyticsConversations({
    siteId: 'site-1', from: '2030-01-02T00:00:00.000Z', to: '2030-01-03T00:00:00.000Z', now: at(9),
  });
  const byResponder = groups.map((g) => [g.agentId, g.firstResponderId, g.conversations, g.answered]);
  expect(byResponder).toEqual(expect.arrayContaining([
    ['agent-carl', 'agent-eve', 1, 1],
    // Nothing tells who answered it: the report credits its holder, as it always did.
    ['agent-carl', null, 2, 1],
  ]));
  expect(byResponder).toHaveLength(2);
  await store.close();
});

test('29 credits each answered ticket to the author of its first public agent reply in its tier, not to its assignee now', async () => {
  const filename = path.join(dir, 'parley.sqlite');
  const db = openAtVersion(filename, 28);
  const at = (minute: number) => `2030-01-02T00:0${minute}:00.000Z`;
  const insertAgent = db.prepare(
    `INSERT INTO agents (id, site_id, email, name, role, status, password_hash, department_ids_json, languages_json, max_chats, created_at)
     VALUES (?, 'site-1', ?, ?, 'agent', 'online', 'hash', '[]', '[]', 4, '${at(0)}')`,
  );
  for (const name of ['ann', 'ben']) insertAgent.run(`agent-${name}`, `${name}@example.com`, name);
  const insertTicket = db.prepare(
    `INSERT INTO tickets (id, site_id, number, subject, status, priority, tier, assignee_agent_id, source, created_at, updated_at,
       tier_started_at, first_responded_at)
     VALUES (?, 'site-1', ?, 'Help', 'open', 'normal', ?, 'agent-ben', 'offline_form', '${at(0)}', '${at(0)}', ?, ?)`,
  );
  insertTicket.run('ticket-reassigned', 2001, 1, at(0), at(3));
  insertTicket.run('ticket-tier-up', 2002, 2, at(4), at(5));
  insertTicket.run('ticket-without-events', 2003, 1, at(0), at(1));
  insertTicket.run('ticket-unanswered', 2004, 1, at(0), null);
  const insertEvent = db.prepare(
    `INSERT INTO ticket_events (id, ticket_id, seq, kind, author_kind, author_id, text, created_at) VALUES (?, ?, ?, ?, ?, ?, 'text', ?)`,
  );
  // Ben's note, a change and the requester's reply come before Ann's answer; none is an answer to the requester.
  insertEvent.run('e-1', 'ticket-reassigned', 1, 'created', 'system', null, at(0));
  insertEvent.run('e-2', 'ticket-reassigned', 2, 'note', 'agent', 'agent-ben', at(1));
  insertEvent.run('e-3', 'ticket-reassigned', 3, 'reply', 'requester', null, at(2));
  insertEvent.run('e-4', 'ticket-reassigned', 4, 'change', 'agent', 'agent-ben', at(2));
  insertEvent.run('e-5', 'ticket-reassigned', 5, 'reply', 'agent', 'agent-ann', at(3));
  insertEvent.run('e-6', 'ticket-reassigned', 6, 'reply', 'agent', 'agent-ben', at(4));
  // Ann answered at tier 1; the move up to tier 2 (at minute 4) restarted the clock Ben's reply stopped.
  insertEvent.run('e-7', 'ticket-tier-up', 1, 'reply', 'agent', 'agent-ann', at(1));
  insertEvent.run('e-8', 'ticket-tier-up', 2, 'change', 'agent', 'agent-ann', at(4));
  insertEvent.run('e-9', 'ticket-tier-up', 3, 'reply', 'agent', 'agent-ben', at(5));
  insertEvent.run('e-10', 'ticket-unanswered', 1, 'note', 'agent', 'agent-ann', at(1));
  db.close();

  const store = openSqliteStore({ filename });
  const groups = await store.analyticsTickets({
    siteId: 'site-1', from: '2030-01-02T00:00:00.000Z', to: '2030-01-03T00:00:00.000Z', now: at(9),
  });
  const byResponder = groups.map((g) => [g.agentId, g.firstResponderId, g.tickets, g.firstResponseSeconds.length]);
  expect(byResponder).toEqual(expect.arrayContaining([
    ['agent-ben', 'agent-ann', 1, 1],
    ['agent-ben', 'agent-ben', 1, 1],
    // Nothing tells who answered one, nobody answered the other: the report credits their assignee, as it always did.
    ['agent-ben', null, 2, 1],
  ]));
  expect(byResponder).toHaveLength(3);
  await store.close();
});

/**
 * Starts `count` child processes that migrate the file to the latest version while the test holds
 * the write lock for `holdMs`, and answers what each printed and how it exited.
 */
async function migrateInChildProcesses(options: { count: number; holdMs: number; busyTimeoutMs: number }) {
  // The migrations as a child process runs them (the test's own code, bundled for plain node).
  const bundle = path.join(dir, 'migrations.cjs');
  buildSync({
    entryPoints: [path.join(__dirname, 'migrations.ts')], outfile: bundle, bundle: true, platform: 'node', format: 'cjs',
    external: ['better-sqlite3'], logLevel: 'silent',
  });
  const scratch = new Database(':memory:');
  const latest = migrate(scratch).to;
  scratch.close();
  const filename = path.join(dir, 'parley.sqlite');
  const holder = new Database(filename);
  holder.pragma('journal_mode = WAL');
  migrate(holder, latest - 1);
  // Holding the write lock: each child reads the version before the latest, then waits for the lock in its first step.
  holder.exec('BEGIN IMMEDIATE');
  const startProcess = () =>
    new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(
        process.execPath,
        ['-e', `const Database = require('better-sqlite3'); const { migrate } = require(${JSON.stringify(bundle)});
          const db = new Database(${JSON.stringify(filename)}); db.pragma('busy_timeout = ${options.busyTimeoutMs}');
          migrate(db); console.log('version', db.pragma('user_version', { simple: true })); db.close();`],
        { cwd: path.join(__dirname, '..', '..', '..') },
      );
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      child.on('exit', (code) => resolve({ code, output }));
    });
  const processes = Array.from({ length: options.count }, startProcess);
  await new Promise((resolve) => setTimeout(resolve, options.holdMs));
  holder.exec('ROLLBACK');
  const results = await Promise.all(processes);
  const version = holder.pragma('user_version', { simple: true });
  holder.close();
  return { latest, version, outputs: results.map((r) => r.output.trim()), codes: results.map((r) => r.code) };
}

test('two processes starting at once on an older file both start: the second finds each step applied and skips it', async () => {
  const { latest, version, outputs, codes } = await migrateInChildProcesses({ count: 2, holdMs: 1500, busyTimeoutMs: 20_000 });
  expect(outputs).toEqual([`version ${latest}`, `version ${latest}`]);
  expect(codes).toEqual([0, 0]);
  expect(version).toBe(latest);
}, 30_000);

test("a process starting while another's migration holds the lock longer than busy_timeout waits for it and starts", async () => {
  // A long index build by a process that started first, as busy_timeout sees it: ten times longer.
  const { latest, version, outputs, codes } = await migrateInChildProcesses({ count: 1, holdMs: 1500, busyTimeoutMs: 150 });
  expect(outputs).toEqual([`version ${latest}`]);
  expect(codes).toEqual([0]);
  expect(version).toBe(latest);
}, 30_000);

test('a migration still locked out after its wait gives up with SQLite\'s busy error, changing nothing', () => {
  const filename = path.join(dir, 'parley.sqlite');
  const holder = new Database(filename);
  holder.pragma('journal_mode = WAL');
  migrate(holder, 3);
  holder.exec('BEGIN IMMEDIATE');
  const starter = new Database(filename);
  starter.pragma('busy_timeout = 50');
  const startedAt = Date.now();
  expect(() => migrate(starter, undefined, 300)).toThrow(expect.objectContaining({ code: expect.stringMatching(/^SQLITE_BUSY/) }));
  expect(Date.now() - startedAt).toBeGreaterThanOrEqual(300);
  holder.exec('ROLLBACK');
  expect(starter.pragma('user_version', { simple: true })).toBe(3);
  starter.close();
  holder.close();
});
