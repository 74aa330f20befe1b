/** Documents an older Parley wrote get their unique-name keys at the next open; case variants keep their names. */
import mongoose from 'mongoose';
import { StoreConflictError } from '../store';
import { InMemoryMongoClient, InMemoryMongoServer } from '../contract/in-memory-mongo/driver';
import { mongoStoreOn } from './mongo.store';

test('an open fills in keys oldest first, leaves later case variants as they are, and refuses new ones', async () => {
  const server = new InMemoryMongoServer();
  const connect = () => mongoose.createConnection().setClient(new InMemoryMongoClient(server, 'parley_legacy_keys'));
  // As an older Parley wrote them: no keys.
  const raw = connect();
  for (const doc of [
    { _id: 'dept-1', siteId: 'site-1', name: 'Billing', createdAt: new Date('2030-01-01') },
    { _id: 'dept-0', siteId: 'site-1', name: 'billing', createdAt: new Date('2030-02-01') },
  ]) await raw.collection('departments').insertOne(doc as never);
  for (const doc of [
    { _id: 'reply-1', siteId: 'site-1', shortcut: 'hello', text: 'Hi', departmentId: null, ownerAgentId: null, scopeKey: '' },
    { _id: 'reply-2', siteId: 'site-1', shortcut: 'HELLO', text: 'HI', departmentId: null, ownerAgentId: null, scopeKey: '' },
  ]) await raw.collection('canned_replies').insertOne(doc as never);
  await raw.close();

  const store = await mongoStoreOn(connect());
  expect((await store.listDepartments('site-1')).map((d) => [d.id, d.name])).toEqual([['dept-1', 'Billing'], ['dept-0', 'billing']]);
  expect((await store.listCannedReplies({ siteId: 'site-1', agentId: 'a', departmentIds: [] })).map((r) => r.shortcut).sort()).toEqual(['HELLO', 'hello']);
  await expect(store.createDepartment({ siteId: 'site-1', name: 'BILLING' })).rejects.toBeInstanceOf(StoreConflictError);
  await expect(store.renameDepartment({ siteId: 'site-1', departmentId: 'dept-0', name: 'Billing' })).rejects.toBeInstanceOf(StoreConflictError);
  await expect(
    store.saveCannedReply({ siteId: 'site-1', shortcut: 'Hello', text: 'x', departmentId: null, ownerAgentId: null }),
  ).rejects.toBeInstanceOf(StoreConflictError);
  await store.close();
  // A second open has nothing left to fill in and starts as well.
  await (await mongoStoreOn(connect())).close();
});
