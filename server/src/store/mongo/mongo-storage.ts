/** MongoDB with its files: the store and a GridFS file store on one connection (closed by the store). */
import mongoose from 'mongoose';
import type { FileStore } from '../../domain/file-store.port';
import type { Store } from '../store';
import { createGridFsFileStore } from './gridfs-file-store';
import { mongoStoreOn, type MongoStoreOptions } from './mongo.store';

export async function openMongoStorage(options: MongoStoreOptions): Promise<{ store: Store; files: FileStore }> {
  // The same connection settings as openMongoStore: acknowledged writes survive a failover,
  // indexes are built once at open.
  const connection = mongoose.createConnection(options.uri, {
    ...(options.dbName ? { dbName: options.dbName } : {}),
    writeConcern: { w: 'majority' },
    autoIndex: false,
  });
  await connection.asPromise();
  const store = await mongoStoreOn(connection);
  return { store, files: createGridFsFileStore(connection) };
}
