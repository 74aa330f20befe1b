/**
 * Group commit: writes asked for in the same event-loop turn share one SQLite transaction, so one
 * fsync makes all of them durable, and each caller hears back only after it. A caller may also hear,
 * earlier, that its write is stored: after its commit, or, for planned writes, before they even run.
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
   * `durable`). `stored` runs before that: once it has committed, or for a planned write once the
   * batch is planned, before any of it is written. A listener that throws fails that write's promise
   * (the write stays stored).
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
}

/**
 * Collects the writes asked for in one event-loop turn and hands them to `runBatch` together, which
 * answers each (throwing refuses them all); callers hear back once the batch is durable.
 */
function perTurn<I, O>(runBatch: (batch: Pending<I, O>[]) => Outcome<O>[], durable?: () => Promise<void>): GroupCommit<I, O> {
  let pending: Pending<I, O>[] = [];

  function commitPending(): void {
    const batch = pending;
    pending = [];
    let outcomes: Outcome<O>[];
    try {
      outcomes = runBatch(batch);
    } catch (error) {
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

/**
 * `writeOne` runs inside the shared transaction. One write that throws is rolled back and rejected
 * alone, and the others still commit: the batch is first tried as is (a savepoint per write costs two
 * statements each, and writes seldom fail), and only if a write throws is it run again with each
 * write in a savepoint of its own. So `writeOne` may run twice; only its database effects may count.
 * Listeners are told once the batch has committed.
 */
export function groupCommit<I, O>(
  db: Database.Database,
  writeOne: (input: I) => O,
  { around = (commit) => commit(), durable }: GroupCommitOptions = {},
): GroupCommit<I, O> {
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
  return perTurn((batch) => tellAll(batch, around(() => all(batch))), durable);
}

/** A write decided by reads alone: what it will store, and the statements that store it. */
export type PlannedWrite<O> = { ok: true; value: O; write: () => void } | { ok: false; error: unknown };

export interface PlannedGroupCommitOptions extends GroupCommitOptions {
  /** Called once the batch's listeners have heard, before its writes run: lets out what they queued. */
  afterTelling?: () => void;
}

/**
 * A group commit whose writes are planned before any of them runs, so that their listeners hear at
 * once and what they send (announcements to sockets) travels while SQLite writes and commits.
 * `planBatch` only reads, inside the batch's write transaction (BEGIN IMMEDIATE: no other connection
 * can write in between), and decides every write of the batch, each seeing the ones planned before
 * it; a write it refuses is refused alone, with nothing to roll back. Then the listeners of the
 * planned writes are told, `afterTelling` runs, and the writes run and commit. If one of them or the
 * COMMIT fails (a full or failing disk), the whole batch is refused and not retried, so nobody is told
 * twice; its listeners were then told of writes that are not stored.
 */
export function plannedGroupCommit<I, O>(
  db: Database.Database,
  planBatch: (inputs: readonly I[]) => PlannedWrite<O>[],
  { around = (commit) => commit(), durable, afterTelling = () => undefined }: PlannedGroupCommitOptions = {},
): GroupCommit<I, O> {
  const planTellAndWrite = db.transaction((batch: Pending<I, O>[]): Outcome<O>[] => {
    const plans = planBatch(batch.map((item) => item.input));
    const told = tellAll(batch, plans);
    afterTelling();
    for (const plan of plans) if (plan.ok) plan.write();
    return told;
  });
  return perTurn((batch) => around(() => planTellAndWrite.immediate(batch)), durable);
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
