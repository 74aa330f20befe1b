/** The attachment part of the store contract: SQLite, MongoDB through the in-memory driver stand-in, and a real MongoDB when MONGODB_URI is set. */
import { useFreshStore } from './contract/context';
import { attachmentsContract } from './contract/attachments.contract';
import { inMemoryMongoFixture, mongoFixture, sqliteFixture, type StoreFixture } from './contract/store-fixtures';

const mongoUri = process.env.MONGODB_URI;

function contract(fixture: StoreFixture): void {
  attachmentsContract(useFreshStore(fixture));
}

describe.each([sqliteFixture, inMemoryMongoFixture(), ...(mongoUri ? [mongoFixture(mongoUri)] : [])])('$label attachments', contract);
// Listed as skipped rather than left out, so a run without MongoDB shows what it did not check.
if (!mongoUri) describe.skip.each([mongoFixture('mongodb://unset')])('$label attachments', contract);
