/** The stores the contract suite runs against, each in fresh storage that is removed afterwards. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import type { Store } from '../store';
import { openSqliteStore } from '../sqlite/sqlite.store';
import { mongoStoreOn, openMongoStore } from '../mongo/mongo.store';
import { InMemoryMongoClient, InMemoryMongoServer } from './in-memory-mongo/driver';

/** One fresh storage location: open it (again and again, like a restart), then remove it. */
export interface StoreLocation {
  open(): Promise<Store>;
  destroy(): Promise<void>;
}

export interface StoreFixture {
  kind: Store['kind'];
  /** How the suite names it. */
  label: string;
  createLocation(): StoreLocation;
}

export const sqliteFixture: StoreFixture = {
  kind: 'sqlite',
  label: 'sqlite',
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
    kind: 'mongo',
    label: 'mongo',
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

/**
 * The MongoDB store through mongoose on an in-memory stand-in for the driver (see its module):
 * checks our code and mongoose's casting where no MongoDB runs; the `mongo` fixture is the real test.
 */
export function inMemoryMongoFixture(): StoreFixture {
  const server = new InMemoryMongoServer();
  return {
    kind: 'mongo',
    label: 'mongo on the in-memory driver stand-in',
    createLocation() {
      const dbName = `parley_contract_${randomBytes(6).toString('hex')}`;
      return {
        async open() {
          return mongoStoreOn(mongoose.createConnection().setClient(new InMemoryMongoClient(server, dbName)));
        },
        async destroy() {
          server.databases.delete(dbName);
        },
      };
    },
  };
}
