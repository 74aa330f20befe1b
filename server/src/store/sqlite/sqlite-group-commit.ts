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
 * `writeOne` runs inside the shared transaction, as a savepoint of its own: one write that throws
 * is rolled back and rejected alone, and the others still commit.
 */
export function groupCommit<I, O>(
  db: Database.Database,
  writeOne: (input: I) => O,
  { around = (commit) => commit(), durable }: GroupCommitOptions = {},
): GroupCommit<I, O> {
  let pending: Pending<I, O>[] = [];
  const one = db.transaction(writeOne);
  const all = db.transaction((batch: Pending<I, O>[]): Outcome<O>[] =>
    batch.map((item) => {
      try {
        return { ok: true, value: one(item.input) };
      } catch (error) {
        return { ok: false, error };
      }
    }),
  );

  function commitPending(): void {
    const batch = pending;
    pending = [];
    let outcomes: Outcome<O>[];
    try {
      outcomes = around(() => all.immediate(batch));
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
