/** The knowledge-base part of the store contract, on SQLite always and on MongoDB when MONGODB_URI is set. */
import { useFreshStore } from './contract/context';
import { knowledgeBaseContract } from './contract/knowledge-base.contract';
import { mongoFixture, sqliteFixture, type StoreFixture } from './contract/store-fixtures';

const mongoUri = process.env.MONGODB_URI;

function contract(fixture: StoreFixture): void {
  knowledgeBaseContract(useFreshStore(fixture));
}

describe.each([sqliteFixture, ...(mongoUri ? [mongoFixture(mongoUri)] : [])])('$name knowledge base', contract);
// Listed as skipped rather than left out, so a run without MongoDB shows what it did not check.
if (!mongoUri) describe.skip.each([mongoFixture('mongodb://unset')])('$name knowledge base', contract);
