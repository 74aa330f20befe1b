/** The stores the contract suite runs against, each in fresh storage that is removed afterwards. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import type { Store } from '../store';
import { openSqliteStore } from '../sqlite/sqlite.store';
import { openMongoStore } from '../mongo/mongo.store';

/** One fresh storage location: open it (again and again, like a restart), then remove it. */
export interface StoreLocation {
  open(): Promise<Store>;
  destroy(): Promise<void>;
}

export interface StoreFixture {
  name: 'sqlite' | 'mongo';
  createLocation(): StoreLocation;
}

export const sqliteFixture: StoreFixture = {
  name: 'sqlite',
  createLocation() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-store-contract-'));
    return {
      async open() {
        return openSqliteStore({ filename: path.join(dir, 'parley.sqlite') });
      },
      async destroy() {
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

export function mongoFixture(uri: string): StoreFixture {
  return {
    name: 'mongo',
    createLocation() {
      // A database of its own per test, so runs never see each other's data.
      const dbName = `parley_contract_${process.pid}_${randomBytes(6).toString('hex')}`;
      return {
        async open() {
          return openMongoStore({ uri, dbName });
        },
        async destroy() {
          const connection = await mongoose.createConnection(uri, { dbName }).asPromise();
          try {
            await connection.dropDatabase();
          } finally {
            await connection.close();
          }
        },
      };
    },
  };
}
