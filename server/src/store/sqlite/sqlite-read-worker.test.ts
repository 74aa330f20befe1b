/** Long reads on a worker thread's connection: the same answers, errors that say what failed, and the serving connection left free. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { startSqliteReader, type SqliteReader } from './sqlite-read-worker';

let dir: string;
let db: Database.Database;
let ranOnServingConnection: string[];
let reader: SqliteReader;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-read-worker-'));
  ranOnServingConnection = [];
  db = new Database(path.join(dir, 'parley.sqlite'), { verbose: (sql) => ranOnServingConnection.push(String(sql)) });
  db.pragma('journal_mode = WAL');
  db.exec("CREATE TABLE chats (id INTEGER PRIMARY KEY, site TEXT NOT NULL); INSERT INTO chats (site) VALUES ('a'), ('a'), ('b');");
  ranOnServingConnection = [];
  reader = startSqliteReader(db);
});

afterEach(async () => {
  await reader.close();
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const COUNT_BY_SITE = 'SELECT site, COUNT(*) AS chats FROM chats WHERE id > @after GROUP BY site ORDER BY site';

test('answers as the serving connection would, without running the query there', async () => {
  expect(await reader.all(COUNT_BY_SITE, { after: 0 })).toEqual([{ site: 'a', chats: 2 }, { site: 'b', chats: 1 }]);
  expect(await reader.get('SELECT COUNT(*) AS chats FROM chats WHERE site = @site', { site: 'a' })).toEqual({ chats: 2 });
  expect(await reader.get('SELECT * FROM chats WHERE id = @id', { id: 99 })).toBeUndefined();
  expect(ranOnServingConnection).toEqual([]);
});

test('folds text as the serving connection does: unicode_lower, and search_fold for the ticket search', async () => {
  // Not registered on this test's serving connection: only the worker can answer.
  expect(await reader.get("SELECT unicode_lower('ДОБРЫ') AS lowered, search_fold('María JOSÉ, Zoe\u0308') AS folded", {})).toEqual({
    lowered: 'добры', folded: 'maria jose, zoe',
  });
  expect(ranOnServingConnection).toEqual([]);
});

test('sees what the serving connection committed since the last read', async () => {
  expect(await reader.all(COUNT_BY_SITE, { after: 0 })).toHaveLength(2);
  db.prepare("INSERT INTO chats (site) VALUES ('c')").run();
  expect(await reader.all(COUNT_BY_SITE, { after: 0 })).toEqual([
    { site: 'a', chats: 2 }, { site: 'b', chats: 1 }, { site: 'c', chats: 1 },
  ]);
});

test('a failed query is refused with SQLite’s reason, and the next one is answered', async () => {
  await expect(reader.all('SELECT nope FROM chats', {})).rejects.toThrow(/no such column: nope/);
  await expect(reader.all('DELETE FROM chats', {})).rejects.toThrow(/readonly|does not return data/);
  expect(await reader.get('SELECT COUNT(*) AS chats FROM chats', {})).toEqual({ chats: 3 });
  expect((db.prepare('SELECT COUNT(*) AS n FROM chats').get() as { n: number }).n).toBe(3);
});

test('reads asked at once are all answered, each with its own rows', async () => {
  const answers = await Promise.all([0, 1, 2, 3].map((after) => reader.all(COUNT_BY_SITE, { after })));
  expect(answers.map((rows) => (rows as Array<{ chats: number }>).reduce((sum, row) => sum + row.chats, 0))).toEqual([3, 2, 1, 0]);
});

test('after close, reads run on the serving connection while it is open', async () => {
  expect(await reader.get('SELECT COUNT(*) AS chats FROM chats', {})).toEqual({ chats: 3 });
  await reader.close();
  expect(await reader.get('SELECT COUNT(*) AS chats FROM chats', {})).toEqual({ chats: 3 });
  expect(ranOnServingConnection).toEqual(['SELECT COUNT(*) AS chats FROM chats']);
});

test('an in-memory database, which no second connection can open, is read on its own connection', async () => {
  const memory = new Database(':memory:');
  memory.exec("CREATE TABLE chats (id INTEGER PRIMARY KEY, site TEXT NOT NULL); INSERT INTO chats (site) VALUES ('a');");
  const inline = startSqliteReader(memory);
  expect(await inline.all(COUNT_BY_SITE, { after: 0 })).toEqual([{ site: 'a', chats: 1 }]);
  await inline.close();
  memory.close();
});
