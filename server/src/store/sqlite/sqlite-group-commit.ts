/**
 * Group commit: writes asked for in the same event-loop turn share one SQLite transaction, so one
 * fsync makes all of them durable, and each caller hears back only after it. A caller may also hear,
 * earlier, that its write is stored: after its commit, or (`tellBeforeCommit`) just before it.
 */
import type Database from 'better-sqlite3';

interface Pending<I, O> {
  input: I;
  resolve: (output: O) => void;
  reject: (error: unknown) => void;
  stored: ((output: O) => void) | undefined;
}

type Outcome<O> = { ok: true; value: O } | { ok: false; error: unknown };

export interface GroupCommit<I, O> {
  /**
   * Queues the write; resolves once the transaction holding it has committed (and is durable, with
   * `durable`). `stored` runs before that: once it has committed, or with `tellBeforeCommit` once
   * every write of the batch has run, just before the COMMIT. A listener that throws fails that
   * write's promise (the write stays stored).
   */
  write(input: I, stored?: (output: O) => void): Promise<O>;
}

export interface GroupCommitOptions {
  /** Runs the commit, e.g. under synchronous=NORMAL for writes that need no fsync; as is when absent. */
  around?: <T>(commit: () => T) => T;
  /**
   * Resolves once the commit is on disk (see sqlite-wal-flush): callers hear back only after it.
   * A batch whose flush fails is refused, though committed: a resend finds it by its idempotency key.
   */
  durable?: () => Promise<void>;
  /**
   * Tell the listeners of a batch whose writes all went in before its COMMIT, in the same synchronous
   * run, then call `afterTelling` (to let out at once what they queued, such as corked socket writes):
   * what they send travels while SQLite commits. A message reaches its readers a commit sooner (about
   * a tenth of the relay's median at 5,000 chats). The price: if that COMMIT fails (a full or failing
   * disk), the batch is refused whole and its listeners were told of writes that are not stored. A
   * batch with a failing write is retried with savepoints and told after its commit, as without this.
   */
  tellBeforeCommit?: { afterTelling: () => void };
}

/**
 * `writeOne` runs inside the shared transaction. One write that throws is rolled back and rejected
 * alone, and the others still commit: the batch is first tried as is (a savepoint per write costs two
 * statements each, and writes seldom fail), and only if a write throws is it run again with each
 * write in a savepoint of its own. So `writeOne` may run twice; only its database effects may count.
 */
export function groupCommit<I, O>(
  db: Database.Database,
  writeOne: (input: I) => O,
  { around = (commit) => commit(), durable, tellBeforeCommit }: GroupCommitOptions = {},
): GroupCommit<I, O> {
  let pending: Pending<I, O>[] = [];
  const one = db.transaction(writeOne);
  /** Whether a batch's listeners have heard already (set before its COMMIT, so known even if that fails). */
  interface Telling { early: boolean }
  const together = db.transaction((batch: Pending<I, O>[], telling: Telling): Outcome<O>[] => {
    const outcomes: Outcome<O>[] = batch.map((item) => ({ ok: true, value: writeOne(item.input) }));
    if (!tellBeforeCommit) return outcomes;
    telling.early = true;
    const told = tellAll(batch, outcomes);
    tellBeforeCommit.afterTelling();
    return told;
  });
  const eachAlone = db.transaction((batch: Pending<I, O>[]): Outcome<O>[] =>
    batch.map((item) => {
      try {
        return { ok: true, value: one(item.input) };
      } catch (error) {
        return { ok: false, error };
      }
    }),
  );
  const all = (batch: Pending<I, O>[], telling: Telling): Outcome<O>[] => {
    try {
      return together.immediate(batch, telling);
    } catch (error) {
      // Its COMMIT failed after the listeners heard: running the writes again would tell them twice.
      if (telling.early) throw error;
      // Rolled back whole: again, so that only the failing write is refused.
      return eachAlone.immediate(batch);
    }
  };

  function commitPending(): void {
    const batch = pending;
    pending = [];
    const telling: Telling = { early: false };
    let outcomes: Outcome<O>[];
    try {
      outcomes = around(() => all(batch, telling));
    } catch (error) {
      // The commit itself failed (busy, disk full, closed): nothing of the batch is stored.
      for (const item of batch) item.reject(error);
      return;
    }
    if (!telling.early) outcomes = tellAll(batch, outcomes);
    const answer = () =>
      outcomes.forEach((outcome, i) => {
        const item = batch[i] as Pending<I, O>;
        if (outcome.ok) item.resolve(outcome.value);
        else item.reject(outcome.error);
      });
    if (!durable) return answer();
    durable().then(answer, (error: unknown) => {
      for (const item of batch) item.reject(error);
    });
  }

  return {
    write(input, stored) {
      return new Promise<O>((resolve, reject) => {
        // setImmediate runs after the poll phase: every write asked for by the socket frames read in
        // this turn joins the batch.
        if (pending.length === 0) setImmediate(commitPending);
        pending.push({ input, resolve, reject, stored });
      });
    },
  };
}

/** Tells each write's listener of its outcome; a listener that throws turns it into a failure. */
const tellAll = <I, O>(batch: Pending<I, O>[], outcomes: Outcome<O>[]): Outcome<O>[] =>
  outcomes.map((outcome, i) => tellStored(batch[i] as Pending<I, O>, outcome));

function tellStored<I, O>(item: Pending<I, O>, outcome: Outcome<O>): Outcome<O> {
  if (!outcome.ok || !item.stored) return outcome;
  try {
    item.stored(outcome.value);
    return outcome;
  } catch (error) {
    return { ok: false, error };
  }
}
