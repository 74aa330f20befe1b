/**
 * Group commit: writes asked for in the same event-loop turn share one SQLite transaction, so one
 * fsync makes all of them durable, and each caller hears back only after it.
 */
import type Database from 'better-sqlite3';

interface Pending<I, O> {
  input: I;
  resolve: (output: O) => void;
  reject: (error: unknown) => void;
}

type Outcome<O> = { ok: true; value: O } | { ok: false; error: unknown };

export interface GroupCommit<I, O> {
  /** Queues the write; resolves once the transaction holding it has committed. */
  write(input: I): Promise<O>;
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
    write(input) {
      return new Promise<O>((resolve, reject) => {
        // setImmediate runs after the poll phase: every write asked for by the socket frames read in
        // this turn joins the batch.
        if (pending.length === 0) setImmediate(commitPending);
        pending.push({ input, resolve, reject });
      });
    },
  };
}
