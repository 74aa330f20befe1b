/** The privacy service with the real mail side and no SMTP: what erasure and retention leave in DATA_DIR/outbox. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { Site, Ticket } from '@parley/shared';
import { createFolderFileStore } from '../files/folder-file-store';
import { createMailDelivery, type MailDelivery } from '../mail/mail-delivery';
import { seedTicket, seedSite } from '../store/contract/seed';
import type { Store } from '../store/store';
import { broadcasterStub } from '../test-support/broadcaster-stub';
import { useSqliteStoreForFile } from '../test-support/sqlite-store-for-file';
import { createPrivacyService, type PrivacyService } from './privacy.service';

const DAY_MS = 24 * 60 * 60_000;

let store: Store;
useSqliteStoreForFile((opened) => (store = opened));

let dataDir: string;
let mail: MailDelivery;
let clock: Date;
let privacy: PrivacyService;
let site: Site;

beforeEach(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-privacy-'));
  mail = createMailDelivery({ store, logger: pino({ level: 'silent' }), smtpUrl: null, dataDir, from: 'Parley <no-reply@parley.test>' });
  clock = new Date();
  privacy = createPrivacyService({
    store, files: createFolderFileStore(path.join(dataDir, 'files')), broadcaster: broadcasterStub(),
    sessions: { disconnectVisitors: () => undefined }, mailer: mail.mailer, now: () => clock,
  });
  site = await seedSite(store);
});
afterEach(async () => {
  await mail.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Queues an e-mail about the ticket to its requester, as the ticket notifier does. */
function emailAbout(ticket: Ticket, replyText: string) {
  return mail.mailer.enqueue({
    siteId: site.id, to: ticket.requesterEmail ?? '', locale: 'en', template: 'ticket_reply',
    data: {
      ticketId: ticket.id, siteName: site.name, requesterName: 'Vera', ticketNumber: ticket.number, subject: ticket.subject,
      status: ticket.status, link: `https://help.example.com/t/${ticket.id}`, agentName: 'Ann', replyText,
    },
  });
}

/** The .eml files in DATA_DIR/outbox that name this text. */
function outboxFilesHolding(text: string): string[] {
  const dir = path.join(dataDir, 'outbox');
  return fs.readdirSync(dir).filter((name) => fs.readFileSync(path.join(dir, name), 'utf8').includes(text));
}

async function otherRequestersTicket(): Promise<Ticket> {
  const ticket = await seedTicket(store, site.id);
  return (await store.updateTicket({ ticketId: ticket.id, patch: { requesterEmail: 'otto@example.com' }, event: null })) ?? ticket;
}

test("an erasure removes the contact's e-mails written to DATA_DIR/outbox, and no one else's", async () => {
  const admin = await store.createAgent({ siteId: site.id, email: 'admin@example.com', name: 'Ada', role: 'admin', passwordHash: 'scrypt$x' });
  const vera = await seedTicket(store, site.id);
  const otto = await otherRequestersTicket();
  await emailAbout(vera, 'We found your parcel, Vera');
  await emailAbout(otto, 'Hello Otto');
  expect(await mail.dispatcher.runOnce()).toMatchObject({ sent: 2 });
  expect(outboxFilesHolding('vera@example.com')).toHaveLength(1);

  await privacy.eraseContact(admin, { email: 'vera@example.com' });
  expect(outboxFilesHolding('vera@example.com')).toEqual([]);
  expect(outboxFilesHolding('otto@example.com')).toHaveLength(1);
});

test("retention removes the outbox files of the tickets it purges, and keeps a newer ticket's", async () => {
  await store.updateSiteSettings(site.id, { retentionDays: 30 });
  const old = await seedTicket(store, site.id);
  const recent = await otherRequestersTicket();
  await emailAbout(old, 'We are on it, Vera');
  await emailAbout(recent, 'We are on it, Otto');
  await mail.dispatcher.runOnce();
  expect(outboxFilesHolding('We are on it, Vera')).toHaveLength(1);
  await store.updateTicket({ ticketId: old.id, patch: { status: 'closed', closedAt: clock.toISOString() }, event: null });

  clock = new Date(clock.getTime() + 31 * DAY_MS);
  await privacy.purgeExpired();
  expect(await store.findTicket(old.id)).toBeNull();
  expect(outboxFilesHolding('We are on it, Vera')).toEqual([]);
  expect(outboxFilesHolding('We are on it, Otto')).toHaveLength(1);
});
