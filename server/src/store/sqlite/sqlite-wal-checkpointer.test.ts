import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHECKPOINT_INTERVAL_MS, startWalCheckpointer } from './sqlite-wal-checkpointer';

describe('WAL checkpointer', () => {
  let dir: string;
  let db: Database.Database;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-wal-checkpoint-'));
    db = new Database(path.join(dir, 'c.sqlite'));
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE lines (text TEXT NOT NULL)');
  });
  afterEach(() => {
    if (db.open) db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** What the database file holds without its WAL: only pages a checkpoint has copied there. */
  function linesInDatabaseFileAlone(): number {
    const copy = path.join(dir, 'alone.sqlite');
    fs.copyFileSync(db.name, copy);
    const alone = new Database(copy, { readonly: true });
    try {
      const exists = alone.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'lines'").get() as { n: number };
      return exists.n === 0 ? 0 : (alone.prepare('SELECT count(*) AS n FROM lines').get() as { n: number }).n;
    } finally {
      alone.close();
    }
  }

  it('copies committed pages into the database file from its own thread, the serving connection left alone', async () => {
    // Committed where no checkpoint runs: in the WAL only.
    db.pragma('wal_autocheckpoint = 0');
    const insert = db.prepare('INSERT INTO lines VALUES (?)');
    db.transaction(() => {
      for (let i = 0; i < 100; i++) insert.run(`line ${i}`);
    })();
    expect(linesInDatabaseFileAlone()).toBe(0);
    // Far below the serving connection's threshold it sets: only the worker can copy them now.
    const checkpointer = startWalCheckpointer(db);

    const deadline = Date.now() + 5_000;
    while (linesInDatabaseFileAlone() < 100 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, CHECKPOINT_INTERVAL_MS));
    }
    expect(linesInDatabaseFileAlone()).toBe(100);
    await checkpointer.close();
  });

  it('raises the serving connection threshold while it runs, and its close leaves the connection usable', async () => {
    const checkpointer = startWalCheckpointer(db);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBeGreaterThan(1000);
    await checkpointer.close();
    db.prepare('INSERT INTO lines VALUES (?)').run('after close');
    expect(db.prepare('SELECT text FROM lines').pluck().all()).toEqual(['after close']);
  });

  it('goes back to SQLite checkpointing on its own when the worker cannot run', async () => {
    // A database the worker cannot open (its folder moved away): it exits, and the serving
    // connection, which keeps its open file, checkpoints again.
    fs.mkdirSync(path.join(dir, 'moved'));
    const broken = new Database(path.join(dir, 'moved', 'b.sqlite'));
    broken.pragma('journal_mode = WAL');
    fs.renameSync(path.join(dir, 'moved'), path.join(dir, 'elsewhere'));
    startWalCheckpointer(broken);
    const deadline = Date.now() + 5_000;
    while (broken.pragma('wal_autocheckpoint', { simple: true }) !== 1000 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(broken.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    broken.close();
  });

  it('starts nothing for an in-memory database', async () => {
    const memory = new Database(':memory:');
    const checkpointer = startWalCheckpointer(memory);
    expect(memory.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    await checkpointer.close();
    memory.close();
  });
});
