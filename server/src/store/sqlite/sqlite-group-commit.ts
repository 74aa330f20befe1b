/**
 * Group commit: writes asked for in the same event-loop turn share one SQLite transaction, so one
 * fsync makes all of them durable, and each caller hears back only after it. A caller may also hear,
 * earlier, that its write is committed (visible to every reader) while the fsync is still running.
 */
import type Database from 'better-sqlite3';

interface Pending<I, O> {
  input: I;
  resolve: (output: O) => void;
  reject: (error: unknown) => void;
  committed: ((output: O) => void) | undefined;
}

type Outcome<O> = { ok: true; value: O } | { ok: false; error: unknown };

export interface GroupCommit<I, O> {
  /**
   * Queues the write; resolves once the transaction holding it has committed (and is durable, with
   * `durable`). `committed` runs as soon as it has committed, before the fsync: a listener that
   * throws fails that write's promise.
   */
  write(input: I, committed?: (output: O) => void): Promise<O>;
}

export interface GroupCommitOptions {
  /** Runs the commit, e.g. under synchronous=NORMAL for writes that need no fsync; as is when absent. */
  around?: <T>(commit: () => T) => T;
  /**
   * Resolves once the commit is on disk (see sqlite-wal-flush): callers hear back only after it.
   * A batch whose flush fails is refused, though committed: a resend finds it by its idempotency key.
   */
  durable?: () => Promise<void>;
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
  { around = (commit) => commit(), durable }: GroupCommitOptions = {},
): GroupCommit<I, O> {
  let pending: Pending<I, O>[] = [];
  const one = db.transaction(writeOne);
  const together = db.transaction((batch: Pending<I, O>[]): Outcome<O>[] =>
    batch.map((item) => ({ ok: true, value: writeOne(item.input) })),
  );
  const eachAlone = db.transaction((batch: Pending<I, O>[]): Outcome<O>[] =>
    batch.map((item) => {
      try {
        return { ok: true, value: one(item.input) };
      } catch (error) {
        return { ok: false, error };
      }
    }),
  );
  const all = (batch: Pending<I, O>[]): Outcome<O>[] => {
    try {
      return together.immediate(batch);
    } catch {
      // Rolled back whole: again, so that only the failing write is refused.
      return eachAlone.immediate(batch);
    }
  };

  function commitPending(): void {
    const batch = pending;
    pending = [];
    let outcomes: Outcome<O>[];
    try {
      outcomes = around(() => all(batch));
    } catch (error) {
      // The commit itself failed (busy, disk full, closed): nothing of the batch is stored.
      for (const item of batch) item.reject(error);
      return;
    }
    outcomes = outcomes.map((outcome, i) => tellCommitted(batch[i] as Pending<I, O>, outcome));
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
    write(input, committed) {
      return new Promise<O>((resolve, reject) => {
        // setImmediate runs after the poll phase: every write asked for by the socket frames read in
        // this turn joins the batch.
        if (pending.length === 0) setImmediate(commitPending);
        pending.push({ input, resolve, reject, committed });
      });
    },
  };
}

function tellCommitted<I, O>(item: Pending<I, O>, outcome: Outcome<O>): Outcome<O> {
  if (!outcome.ok || !item.committed) return outcome;
  try {
    item.committed(outcome.value);
    return outcome;
  } catch (error) {
    return { ok: false, error };
  }
}
