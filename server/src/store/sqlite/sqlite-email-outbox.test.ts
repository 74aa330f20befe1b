import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EmailOutboxStore, NewOutboxEmail } from '../email-outbox.store';
import { migrate } from './migrations';
import { sqliteEmailOutbox } from './sqlite-email-outbox';

const T0 = Date.parse('2030-01-01T10:00:00.000Z');
const at = (seconds: number): string => new Date(T0 + seconds * 1000).toISOString();

function openDb(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  return db;
}

const email = (overrides: Partial<NewOutboxEmail> = {}): NewOutboxEmail => ({
  siteId: 'site-1', to: 'anna@example.com', locale: 'ru', template: 'ticket_received',
  data: { ticketNumber: 1001, subject: 'Принтер', siteName: 'Acme' }, at: at(0), ...overrides,
});

describe('sqliteEmailOutbox', () => {
  let dir: string;
  let file: string;
  let db: Database.Database;
  let outbox: EmailOutboxStore;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-outbox-'));
    file = path.join(dir, 'parley.db');
    db = openDb(file);
    migrate(db);
    outbox = sqliteEmailOutbox(db);
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps a queued e-mail as pending, with its data, until it is claimed', async () => {
    const queued = await outbox.enqueueEmail(email());
    expect(queued).toMatchObject({
      status: 'pending', attempts: 0, to: 'anna@example.com', nextAttemptAt: at(0), leaseUntil: null, sentAt: null,
      data: { ticketNumber: 1001, subject: 'Принтер', siteName: 'Acme' },
    });
    expect(await outbox.listOutbox()).toEqual([queued]);
  });

  it('claims due e-mails once: a second claim finds them leased, and none that are not due yet', async () => {
    const due = await outbox.enqueueEmail(email());
    await outbox.enqueueEmail(email({ at: at(60) }));

    const first = await outbox.claimDueEmails({ now: at(1), leaseUntil: at(601), limit: 10 });
    expect(first.map((e) => e.id)).toEqual([due.id]);
    expect(first[0]).toMatchObject({ status: 'sending', attempts: 1, leaseUntil: at(601) });
    expect(await outbox.claimDueEmails({ now: at(2), leaseUntil: at(602), limit: 10 })).toEqual([]);
  });

  it('gives an e-mail whose lease lapsed (its dispatcher died) to the next claimer, counting the attempt', async () => {
    const queued = await outbox.enqueueEmail(email());
    await outbox.claimDueEmails({ now: at(1), leaseUntil: at(601), limit: 1 });
    expect(await outbox.claimDueEmails({ now: at(600), leaseUntil: at(1200), limit: 1 })).toEqual([]);
    const retaken = await outbox.claimDueEmails({ now: at(602), leaseUntil: at(1202), limit: 1 });
    expect(retaken).toEqual([expect.objectContaining({ id: queued.id, attempts: 2, leaseUntil: at(1202) })]);
  });

  it('claims the oldest due first and no more than the limit', async () => {
    const later = await outbox.enqueueEmail(email({ at: at(5) }));
    const earlier = await outbox.enqueueEmail(email({ at: at(3) }));
    await outbox.enqueueEmail(email({ at: at(7) }));
    const claimed = await outbox.claimDueEmails({ now: at(10), leaseUntil: at(100), limit: 2 });
    expect(claimed.map((e) => e.id)).toEqual([earlier.id, later.id]);
  });

  it('schedules a retry: pending again with the error, claimable only once it is due', async () => {
    const queued = await outbox.enqueueEmail(email());
    await outbox.claimDueEmails({ now: at(1), leaseUntil: at(601), limit: 1 });
    await outbox.markEmailRetry(queued.id, { error: 'connect ECONNREFUSED', nextAttemptAt: at(31) });

    const [row] = await outbox.listOutbox();
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastError: 'connect ECONNREFUSED', nextAttemptAt: at(31), leaseUntil: null });
    expect(await outbox.claimDueEmails({ now: at(30), leaseUntil: at(630), limit: 1 })).toEqual([]);
    expect(await outbox.claimDueEmails({ now: at(31), leaseUntil: at(631), limit: 1 })).toHaveLength(1);
  });

  it('records a sent e-mail, and a late retry report from a lapsed claim does not undo it', async () => {
    const queued = await outbox.enqueueEmail(email());
    await outbox.claimDueEmails({ now: at(1), leaseUntil: at(601), limit: 1 });
    await outbox.markEmailSent(queued.id, at(2));
    await outbox.markEmailRetry(queued.id, { error: 'late timeout', nextAttemptAt: at(60) });
    await outbox.markEmailFailed(queued.id, 'late failure');

    expect(await outbox.listOutbox()).toEqual([expect.objectContaining({ status: 'sent', sentAt: at(2), lastError: null })]);
    expect(await outbox.claimDueEmails({ now: at(10_000), leaseUntil: at(20_000), limit: 1 })).toEqual([]);
  });

  it('marks an e-mail failed for good, keeping why, and filters the list by status', async () => {
    const kept = await outbox.enqueueEmail(email());
    const doomed = await outbox.enqueueEmail(email({ to: 'nobody@example.com' }));
    await outbox.claimDueEmails({ now: at(1), leaseUntil: at(601), limit: 2 });
    await outbox.markEmailFailed(doomed.id, 'x'.repeat(5000));

    const failed = await outbox.listOutbox({ status: 'failed' });
    expect(failed.map((e) => e.id)).toEqual([doomed.id]);
    expect(failed[0]?.lastError?.length).toBeLessThanOrEqual(1000);
    expect((await outbox.listOutbox({ status: 'sending' })).map((e) => e.id)).toEqual([kept.id]);
    expect(await outbox.claimDueEmails({ now: at(600), leaseUntil: at(1200), limit: 5 })).toEqual([]);
  });

  it('never hands one e-mail to two claimers running in parallel threads on the same file', async () => {
    const total = 300;
    const ids = new Set<string>();
    for (let i = 0; i < total; i += 1) ids.add((await outbox.enqueueEmail(email({ at: at(i % 7) }))).id);

    const workers = Array.from({ length: 4 }, () => startClaimWorker({ file, now: at(100), leaseUntil: at(700) }));
    // All of them loaded and connected before any claims, so that they really run side by side.
    await Promise.all(workers.map((w) => w.ready));
    for (const w of workers) w.go();
    const claimedPerWorker = await Promise.all(workers.map((w) => w.claimed));
    const claimed = claimedPerWorker.flat();

    expect(claimed).toHaveLength(total);
    expect(new Set(claimed)).toEqual(ids);
    // They really did compete: more than one thread got e-mails.
    expect(claimedPerWorker.filter((list) => list.length > 0).length).toBeGreaterThan(1);
    expect(await outbox.listOutbox({ status: 'pending' })).toEqual([]);
  });
});

/*
 * A thread of its own with its own connection; once told to go, it claims three at a time until nothing is left.
 * The TypeScript module is loaded through @swc/core (jest's own transformer), so the thread runs
 * the very claim the store uses.
 */
function startClaimWorker(options: { file: string; now: string; leaseUntil: string }) {
  const source = `
    const fs = require('node:fs');
    const { parentPort, workerData } = require('node:worker_threads');
    const swc = require(workerData.swcPath);
    require.extensions['.ts'] = (module, filename) => {
      const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), {
        filename, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' },
      });
      module._compile(code, filename);
    };
    const Database = require(workerData.sqlitePath);
    const { sqliteEmailOutbox } = require(workerData.modulePath);
    const db = new Database(workerData.file);
    db.pragma('busy_timeout = 5000');
    const outbox = sqliteEmailOutbox(db);
    parentPort.postMessage('ready');
    parentPort.once('message', async () => {
      const ids = [];
      for (;;) {
        const batch = await outbox.claimDueEmails({ now: workerData.now, leaseUntil: workerData.leaseUntil, limit: 3 });
        if (batch.length === 0) break;
        ids.push(...batch.map((e) => e.id));
      }
      db.close();
      parentPort.postMessage(ids);
    });
  `;
  const worker = new Worker(source, {
    eval: true,
    workerData: {
      ...options,
      swcPath: require.resolve('@swc/core'),
      sqlitePath: require.resolve('better-sqlite3'),
      modulePath: path.join(__dirname, 'sqlite-email-outbox.ts'),
    },
  });
  const failed = new Promise<never>((_resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`claim worker exited (${code}) before it reported`)));
  });
  const nextMessage = <T>() => Promise.race([new Promise<T>((resolve) => worker.once('message', resolve)), failed]);
  const ready = nextMessage<'ready'>();
  const claimed = ready.then(() => nextMessage<string[]>());
  return { ready, claimed, go: () => worker.postMessage('go') };
}
