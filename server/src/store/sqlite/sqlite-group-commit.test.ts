import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { groupCommit, plannedGroupCommit, type GroupCommit, type PlannedWrite } from './sqlite-group-commit';

describe('sqlite group commit', () => {
  let dir: string;
  let writer: Database.Database;
  let reader: Database.Database;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-group-commit-'));
    const file = path.join(dir, 'g.sqlite');
    writer = new Database(file);
    writer.pragma('journal_mode = WAL');
    writer.exec('CREATE TABLE lines (text TEXT NOT NULL UNIQUE)');
    reader = new Database(file, { readonly: true });
  });
  afterEach(() => {
    writer.close();
    reader.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const insert = (db: Database.Database) => (text: string) => {
    db.prepare('INSERT INTO lines (text) VALUES (?)').run(text);
    return text;
  };
  const storedLines = () => reader.prepare('SELECT text FROM lines ORDER BY rowid').pluck().all();

  /**
   * A durable step the test ends by hand. `waitingBatch()` resolves once a committed batch waits on
   * it: waiting on the commit itself, not on a timer that a loaded machine can outrun.
   */
  function heldFlush() {
    let ends: ((error?: Error) => void)[] = [];
    let someoneWaits: (() => void) | undefined;
    return {
      durable: () =>
        new Promise<void>((resolve, reject) => {
          ends.push((error) => (error ? reject(error) : resolve()));
          someoneWaits?.();
        }),
      waitingBatch: () => new Promise<void>((resolve) => (ends.length > 0 ? resolve() : (someoneWaits = resolve))),
      end(error?: Error) {
        const [first, ...rest] = ends;
        ends = rest;
        first?.(error);
      },
    };
  }

  it('answers each write of one turn only once all of them are committed, in the order asked', async () => {
    const lines = groupCommit(writer, insert(writer));
    const seenAtFirstAnswer = lines.write('one').then(storedLines);
    const rest = [lines.write('two'), lines.write('three')];
    // Nothing is visible to another connection before the turn ends: no answer can come early.
    expect(storedLines()).toEqual([]);
    expect(await seenAtFirstAnswer).toEqual(['one', 'two', 'three']);
    expect(await Promise.all(rest)).toEqual(['two', 'three']);
  });

  it('rolls back and refuses only the write that failed', async () => {
    const lines = groupCommit(writer, insert(writer));
    const results = await Promise.allSettled([lines.write('kept'), lines.write('kept'), lines.write('also kept')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(storedLines()).toEqual(['kept', 'also kept']);
  });

  it('stores the effects of the writes beside a failing one exactly once', async () => {
    writer.exec('CREATE TABLE events (text TEXT NOT NULL)');
    const logged = groupCommit(writer, (text: string) => {
      writer.prepare('INSERT INTO events (text) VALUES (?)').run(text);
      if (text === 'bad') throw new Error('refused');
      return text;
    });
    const results = await Promise.allSettled(['a', 'bad', 'b'].map((text) => logged.write(text)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(reader.prepare('SELECT text FROM events ORDER BY rowid').pluck().all()).toEqual(['a', 'b']);
  });

  it('answers a batch only once it is durable, and refuses all of it when making it durable fails', async () => {
    const flush = heldFlush();
    const lines = groupCommit(writer, insert(writer), { durable: flush.durable });
    let answered = false;
    const both = Promise.all([lines.write('a'), lines.write('b')]).then((values) => ((answered = true), values));
    await flush.waitingBatch();
    // Committed (another connection sees it) but not yet answered.
    expect(storedLines()).toEqual(['a', 'b']);
    expect(answered).toBe(false);
    flush.end();
    expect(await both).toEqual(['a', 'b']);

    const failing = Promise.allSettled([lines.write('c')]);
    await flush.waitingBatch();
    flush.end(new Error('EIO'));
    expect((await failing).map((r) => r.status)).toEqual(['rejected']);
  });

  it('tells a write it is committed before the flush ends, and fails only the write whose listener throws', async () => {
    const flush = heldFlush();
    const lines = groupCommit(writer, insert(writer), { durable: flush.durable });
    const told: { text: string; visible: unknown[] }[] = [];
    const tell = (text: string) => told.push({ text, visible: storedLines() });
    const answers = Promise.allSettled([
      lines.write('seen', tell),
      lines.write('listener fails', () => {
        throw new Error('listener broke');
      }),
      lines.write('unheard'),
    ]);
    await flush.waitingBatch();
    // Told while the flush is still running, with the whole batch already visible to other readers.
    expect(told).toEqual([{ text: 'seen', visible: ['seen', 'listener fails', 'unheard'] }]);
    flush.end();
    const settled = await answers;
    expect(settled.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(settled[1]).toMatchObject({ reason: new Error('listener broke') });
    // The failing listener's write stays stored: a resend finds it.
    expect(storedLines()).toEqual(['seen', 'listener fails', 'unheard']);
  });

  describe('planned before written', () => {
    const addLine = () => writer.prepare('INSERT INTO lines (text) VALUES (?)');
    /** Plans each line by reading alone; refuses one named "refused" at planning. */
    const planLines = (texts: readonly string[]): PlannedWrite<string>[] => {
      const add = addLine();
      return texts.map((text) =>
        text === 'refused' ? { ok: false, error: new Error('refused at planning') } : { ok: true, value: text, write: () => add.run(text) });
    };
    const linesInWriter = () => writer.prepare('SELECT COUNT(*) FROM lines').pluck().get();
    /** Writes the texts in one turn; how each ended, and what the listeners were told, in order. */
    async function writeTogether(lines: GroupCommit<string, string>, texts: readonly string[]) {
      const told: string[] = [];
      const results = await Promise.allSettled(texts.map((text) => lines.write(text, (t) => told.push(t))));
      return { statuses: results.map((r) => r.status), told };
    }

    it('tells every planned write, then calls afterTelling, before any of them is written; answers once committed', async () => {
      const order: string[] = [];
      const lines = plannedGroupCommit(writer, planLines, { afterTelling: () => order.push(`let out, written: ${linesInWriter()}`) });
      const tell = (text: string) => order.push(`${text}, written: ${linesInWriter()}`);
      const answers = await Promise.all([lines.write('a', tell), lines.write('b', tell)]);
      expect(answers).toEqual(['a', 'b']);
      expect(order).toEqual(['a, written: 0', 'b, written: 0', 'let out, written: 0']);
      expect(storedLines()).toEqual(['a', 'b']);
    });

    it('refuses alone, untold, a write its plan refuses', async () => {
      const { statuses, told } = await writeTogether(plannedGroupCommit(writer, planLines), ['x', 'refused', 'y']);
      expect(statuses).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(told).toEqual(['x', 'y']);
      expect(storedLines()).toEqual(['x', 'y']);
    });

    it('refuses the whole batch, telling no one twice, when a write fails after telling', async () => {
      // The plan does not look for the duplicate: its INSERT fails, after the listeners heard.
      const lines = plannedGroupCommit(writer, planLines);
      const { statuses, told } = await writeTogether(lines, ['p', 'dup', 'dup']);
      expect(statuses).toEqual(['rejected', 'rejected', 'rejected']);
      expect(told).toEqual(['p', 'dup', 'dup']);
      expect(storedLines()).toEqual([]);
      expect(await lines.write('p')).toBe('p');
    });

    it('refuses the whole batch when its COMMIT fails after telling', async () => {
      // A deferred foreign key is checked only at COMMIT: an orphan row slipped in while telling
      // makes that one commit fail, though each write alone would commit.
      writer.exec(`CREATE TABLE owners (name TEXT PRIMARY KEY); INSERT INTO owners VALUES ('ann');
        CREATE TABLE pets (owner TEXT REFERENCES owners(name) DEFERRABLE INITIALLY DEFERRED)`);
      writer.pragma('foreign_keys = ON');
      const addPet = writer.prepare('INSERT INTO pets (owner) VALUES (?)');
      const planPets = (owners: readonly string[]): PlannedWrite<string>[] =>
        owners.map((owner) => ({ ok: true, value: owner, write: () => addPet.run(owner) }));
      const pets = plannedGroupCommit(writer, planPets, { afterTelling: () => addPet.run('nobody') });
      const told: string[] = [];
      const results = await Promise.allSettled(['ann', 'ann'].map((owner, i) => pets.write(owner, () => told.push(`${owner} ${i}`))));
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
      expect(told).toEqual(['ann 0', 'ann 1']);
      expect(reader.prepare('SELECT COUNT(*) FROM pets').pluck().get()).toBe(0);
    });

    it('answers only once the batch is durable', async () => {
      const flush = heldFlush();
      const lines = plannedGroupCommit(writer, planLines, { durable: flush.durable });
      let answered = false;
      const answer = lines.write('slow').then((value) => ((answered = true), value));
      await flush.waitingBatch();
      expect(storedLines()).toEqual(['slow']);
      expect(answered).toBe(false);
      flush.end();
      expect(await answer).toBe('slow');
    });
  });

  it('tells nobody of a write that was rolled back', async () => {
    const lines = groupCommit(writer, insert(writer));
    const told: string[] = [];
    const results = await Promise.allSettled([lines.write('once', (t) => told.push(t)), lines.write('once', (t) => told.push(`again ${t}`))]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    expect(told).toEqual(['once']);
  });

  it('starts a new transaction for writes asked after the last one committed', async () => {
    const lines = groupCommit(writer, insert(writer));
    await lines.write('first');
    await lines.write('second');
    expect(storedLines()).toEqual(['first', 'second']);
  });
});
