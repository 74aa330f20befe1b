import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { walFlusher } from './sqlite-wal-flush';
import { until } from '../../test-support/until';

describe('WAL flusher', () => {
  let dir: string;
  let db: Database.Database;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-wal-flush-'));
    db = new Database(path.join(dir, 'w.sqlite'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec('CREATE TABLE lines (text TEXT NOT NULL)');
  });
  afterEach(() => {
    jest.restoreAllMocks();
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** fdatasync calls held until released, so a test decides when "the disk" answers. */
  function holdFlushes() {
    const held: { fd: number; release: (error?: Error) => void }[] = [];
    jest.spyOn(fs, 'fdatasync').mockImplementation(((fd: number, callback: (error: Error | null) => void) => {
      held.push({ fd, release: (error) => callback(error ?? null) });
    }) as typeof fs.fdatasync);
    return held;
  }

  it('syncs the WAL file itself, and answers once the sync is done', async () => {
    const held = holdFlushes();
    const wal = walFlusher(db);
    db.prepare('INSERT INTO lines VALUES (?)').run('kept');
    let answered = false;
    const durable = wal.durable().then(() => (answered = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(held).toHaveLength(1);
    expect(fs.readlinkSync(`/proc/self/fd/${held[0]?.fd}`)).toBe(`${db.name}-wal`);
    expect(answered).toBe(false);
    held[0]?.release();
    await durable;
    expect(answered).toBe(true);
    await wal.close();
  });

  it('makes a commit that came during a flush wait for the next one, and one flush serves all who waited', async () => {
    const held = holdFlushes();
    const wal = walFlusher(db, { minIntervalMs: 0 });
    const first = wal.durable();
    // Committed after the first flush began: that flush may not hold it.
    const later = [wal.durable(), wal.durable(), wal.durable()];
    let laterAnswered = 0;
    later.forEach((p) => void p.then(() => (laterAnswered += 1)));
    expect(held).toHaveLength(1);
    held[0]?.release();
    await first;
    await new Promise((resolve) => setImmediate(resolve));
    expect(laterAnswered).toBe(0);
    expect(held).toHaveLength(2);
    held[1]?.release();
    await Promise.all(later);
    expect(held).toHaveLength(2);
    await wal.close();
  });

  it('refuses the commits a failed flush was to cover, and flushes again for the next', async () => {
    const held = holdFlushes();
    const wal = walFlusher(db);
    const failed = wal.durable();
    held[0]?.release(new Error('EIO: i/o error, fdatasync'));
    await expect(failed).rejects.toThrow('EIO');
    const next = wal.durable();
    await until(() => held.length === 2);
    held[1]?.release();
    await expect(next).resolves.toBeUndefined();
    await wal.close();
  });

  it('starts flushes at least the interval apart, and the next one serves every commit made meanwhile', async () => {
    const held = holdFlushes();
    const wal = walFlusher(db, { minIntervalMs: 60 });
    const first = wal.durable();
    held[0]?.release();
    await first;
    const startedAt = performance.now();
    const meanwhile = [wal.durable(), wal.durable()];
    // A turn later, well inside the interval (a fixed sleep could outlast it on a loaded machine).
    await new Promise((resolve) => setImmediate(resolve));
    meanwhile.push(wal.durable());
    expect(held).toHaveLength(1);
    await until(() => held.length === 2);
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(35);
    held[1]?.release();
    await Promise.all(meanwhile);
    expect(held).toHaveLength(2);
    await wal.close();
  });

  it('has nothing to flush for an in-memory database', async () => {
    const memory = new Database(':memory:');
    const spy = jest.spyOn(fs, 'fdatasync');
    await expect(walFlusher(memory).durable()).resolves.toBeUndefined();
    expect(spy).not.toHaveBeenCalled();
    memory.close();
  });
});
