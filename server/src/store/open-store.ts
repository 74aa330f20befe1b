/** Picks the store from config: MongoDB when MONGODB_URI is set, embedded SQLite otherwise; files go beside it. */
import path from 'node:path';
import type { FileStore } from '../domain/file-store.port';
import { createFolderFileStore } from '../files/folder-file-store';
import type { Store } from './store';
import { openSqliteStore } from './sqlite/sqlite.store';

export interface StorageOptions {
  dataDir: string;
  mongodbUri: string | null;
  /** SQLite: what to let out once a batch's messages are announced, before they are written (sqlite-message-appends.ts). */
  afterAnnouncing?: () => void;
}

export async function openStore(options: StorageOptions): Promise<Store> {
  if (options.mongodbUri) {
    const { openMongoStore } = await import('./mongo/mongo.store');
    return openMongoStore({ uri: options.mongodbUri });
  }
  return openSqliteStore({ filename: path.join(options.dataDir, 'parley.sqlite'), afterAnnouncing: options.afterAnnouncing });
}

/**
 * The store and where attachment bytes live: GridFS on the store's connection with MongoDB (every
 * process sees every file), a folder under DATA_DIR/files with SQLite.
 */
export async function openStorage(options: StorageOptions): Promise<{ store: Store; files: FileStore }> {
  if (options.mongodbUri) {
    const { openMongoStorage } = await import('./mongo/mongo-storage');
    return openMongoStorage({ uri: options.mongodbUri });
  }
  return { store: await openStore(options), files: createFolderFileStore(path.join(options.dataDir, 'files')) };
}
