import { Readable } from 'node:stream';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createFolderFileStore } from '../files/folder-file-store';
import { seedAgent, seedSite, seedTicket } from '../store/contract/seed';
import { sqliteFixture, type StoreLocation } from '../store/contract/store-fixtures';
import type { Store } from '../store/store';
import { PNG_1x1 } from '../test-support/attachment-fixtures';
import { createAttachmentService } from './attachment.service';
import { withClaimedTicketFiles } from './ticket-attachments';

let dir: string;
let location: StoreLocation;
let store: Store;
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-ticket-files-'));
  location = sqliteFixture.createLocation();
  store = await location.open();
});
afterEach(async () => {
  await store.close();
  await location.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a reply that fails to be recorded frees its files for the next try, which sends them', async () => {
  const site = await seedSite(store);
  const agent = await seedAgent(store, site.id);
  const ticket = await seedTicket(store, site.id);
  const service = createAttachmentService({ store, files: createFolderFileStore(path.join(dir, 'files')), maxUploadBytes: 1024 });
  const file = await service.upload({ kind: 'agent', agent }, { name: 'shot.png', source: Readable.from([PNG_1x1]), ticketId: ticket.id });
  const claim = { ids: [file.id], siteId: site.id, ticketId: ticket.id, uploader: { kind: 'agent' as const, id: agent.id }, internal: false };

  await expect(withClaimedTicketFiles(store, claim, async () => {
    throw new Error('the ticket changed meanwhile');
  })).rejects.toThrow('the ticket changed meanwhile');
  expect((await store.findAttachment(file.id))?.messageClientId).toBeNull();

  const sent = await withClaimedTicketFiles(store, claim, async (files) => files);
  expect(sent).toEqual({ updated: [file], attachments: [file] });
  await expect(withClaimedTicketFiles(store, claim, async () => 'again')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
});

test('a reply without files claims nothing and records as it always did', async () => {
  const recorded = await withClaimedTicketFiles(store, { ids: [], siteId: 's', ticketId: 't', uploader: { kind: 'agent', id: 'a' }, internal: true }, async (files) => files);
  expect(recorded).toEqual({ updated: undefined, attachments: [] });
});
