/** Picks the store from config: MongoDB when MONGODB_URI is set, embedded SQLite otherwise. */
import path from 'node:path';
import type { Store } from './store';
import { openSqliteStore } from './sqlite/sqlite.store';

export async function openStore(options: { dataDir: string; mongodbUri: string | null }): Promise<Store> {
  if (options.mongodbUri) {
    const { openMongoStore } = await import('./mongo/mongo.store');
    return openMongoStore({ uri: options.mongodbUri });
  }
  return openSqliteStore({ filename: path.join(options.dataDir, 'parley.sqlite') });
}
