/** The behaviour every Store must show, run against SQLite always and MongoDB when MONGODB_URI is set. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteStore } from './sqlite/sqlite.store';
import { useFreshStore } from './contract/context';
import { conversationsContract } from './contract/conversations.contract';
import { directoryContract } from './contract/directory.contract';
import { departmentDeletionContract } from './contract/department-deletion.contract';
import { emailOutboxContract } from './contract/email-outbox.contract';
import { messagesContract } from './contract/messages.contract';
import { rateLimitsContract } from './contract/rate-limits.contract';
import { agentCredentialsContract } from './contract/agent-credentials.contract';
import { visitorIdentityContract } from './contract/visitor-identity.contract';
import { privacyContract } from './contract/privacy.contract';
import { routingContract } from './contract/routing.contract';
import { inMemoryMongoFixture, mongoFixture, sqliteFixture, type StoreFixture } from './contract/store-fixtures';
import { ticketsContract } from './contract/tickets.contract';
import { workspaceContract } from './contract/workspace.contract';

const mongoUri = process.env.MONGODB_URI;
if (!mongoUri) console.info('MongoDB contract tests skipped: MONGODB_URI is not set (no MongoDB on this machine)');

function storeContract(fixture: StoreFixture): void {
  const ctx = useFreshStore(fixture);
  it(`reports its kind as ${fixture.kind}`, () => {
    expect(ctx.store.kind).toBe(fixture.kind);
  });
  directoryContract(ctx);
  departmentDeletionContract(ctx);
  conversationsContract(ctx);
  routingContract(ctx);
  messagesContract(ctx);
  workspaceContract(ctx);
  ticketsContract(ctx);
  emailOutboxContract(ctx);
  rateLimitsContract(ctx);
  visitorIdentityContract(ctx);
  agentCredentialsContract(ctx);
  privacyContract(ctx);
}

const available: StoreFixture[] = [sqliteFixture, inMemoryMongoFixture(), ...(mongoUri ? [mongoFixture(mongoUri)] : [])];
describe.each(available)('$label store contract', storeContract);
// Listed as skipped rather than left out, so a run without MongoDB shows what it did not check.
if (!mongoUri) describe.skip.each([mongoFixture('mongodb://unset')])('$label store contract', storeContract);

describe('sqlite store migrations', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-store-migrations-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('refuses a database file whose schema is newer than this code', () => {
    const filename = path.join(dir, 'parley.sqlite');
    const db = new Database(filename);
    db.pragma('user_version = 9999');
    db.close();
    expect(() => openSqliteStore({ filename })).toThrow(/newer than this Parley/);
  });

  it('creates its schema in a fresh file and reopens it without migrating again', async () => {
    const filename = path.join(dir, 'nested', 'parley.sqlite');
    const first = openSqliteStore({ filename });
    const site = await first.createSite({ key: 'migrated_site', name: 'Migrated' });
    await first.close();
    const db = new Database(filename, { readonly: true });
    const version = db.pragma('user_version', { simple: true });
    db.close();
    expect(version).toBeGreaterThan(0);
    const second = openSqliteStore({ filename });
    expect(await second.findSiteById(site.id)).toEqual(site);
    await second.close();
  });
});
