/** The attachment service without a network: abandoned uploads go after a day, sent files stay, bytes and all. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { createFolderFileStore } from '../files/folder-file-store';
import type { Store } from '../store/store';
import { seedConversation } from '../store/contract/seed';
import { sqliteFixture, type StoreLocation } from '../store/contract/store-fixtures';
import { PNG_1x1 } from '../test-support/attachment-fixtures';
import { createAttachmentService, UNSENT_UPLOAD_TTL_MS } from './attachment.service';
import type { FileStore } from './file-store.port';

let dir: string;
let location: StoreLocation;
let store: Store;
let files: FileStore;
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-attachment-service-'));
  location = sqliteFixture.createLocation();
  store = await location.open();
  files = createFolderFileStore(path.join(dir, 'files'));
});
afterEach(async () => {
  await store.close();
  await location.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('uploads never sent are removed with their bytes after a day; sent ones stay', async () => {
  let now = new Date();
  const service = createAttachmentService({ store, files, maxUploadBytes: 1024, now: () => now });
  const { site, visitor, conversation } = await seedConversation(store);
  const caller = { kind: 'visitor', visitor } as const;
  const abandoned = await service.upload(caller, { name: 'old.png', source: Readable.from([PNG_1x1]) });
  const sent = await service.upload(caller, { name: 'sent.png', source: Readable.from([PNG_1x1]) });
  await store.claimAttachments({
    ids: [sent.id], siteId: site.id, conversationId: conversation.id, uploader: { kind: 'visitor', id: visitor.id }, clientId: 'sent-message', internal: false,
  });

  expect(await service.purgeUnsentUploads()).toBe(0);
  // The records carry the real time; the service's clock moves a day and a minute past it.
  now = new Date(Date.now() + UNSENT_UPLOAD_TTL_MS + 60_000);
  const abandonedFile = (await store.findAttachment(abandoned.id))?.fileId ?? '';
  expect(await service.purgeUnsentUploads()).toBe(1);
  expect(await store.findAttachment(abandoned.id)).toBeNull();
  expect(await files.open(abandonedFile)).toBeNull();
  await expect(service.open(caller, sent.id)).resolves.toMatchObject({ attachment: sent });
});
