/**
 * WAL checkpoints off the event loop. SQLite checkpoints inside the COMMIT that takes the WAL past
 * `wal_autocheckpoint` pages, on the thread that committed: under a steady message load the connection
 * serving requests spent about a third of its store time copying pages back into the database file.
 *
 * Here a worker thread with a connection of its own runs a PASSIVE checkpoint every 100 milliseconds
 * (it never blocks a writer, and it does the copying and both fsyncs). The serving connection still
 * checkpoints, but only past a larger threshold, and by then the worker has copied almost every page:
 * what is left is a short tail. That checkpoint matters: the WAL is restarted from its beginning only
 * by a write that finds every frame copied, which the worker alone, racing the writes, seldom leaves.
 */
import type Database from 'better-sqlite3';
import { Worker, type parentPort as ParentPort } from 'node:worker_threads';

/**
 * How often the worker copies the WAL into the database. Each checkpoint that copies anything syncs
 * the WAL and the database file, and fsyncs cost the process CPU time in the kernel: every 100 ms
 * rather than every 25, paired relay runs at 5,000 msg/s had the server 82% busy instead of 89% and
 * delivery p50 2.0 ms instead of 2.6 (p99 70-105 ms instead of 165) at 5,000 chats, and p50 1.6
 * instead of 2.0 ms at 1,000; every 250 ms was worse again (a longer tail for the serving connection).
 */
export const CHECKPOINT_INTERVAL_MS = 100;
/** SQLite's default; what the serving connection goes back to if the worker cannot run. */
const AUTOCHECKPOINT_ALONE = 1000;
/** The serving connection's threshold beside the worker: the WAL stays under ~40 MB. */
const AUTOCHECKPOINT_WITH_WORKER = 10_000;

export interface WalCheckpointer {
  /** Stops the worker and closes its connection; before the serving connection closes. */
  close(): Promise<void>;
}

interface CheckpointLoopData {
  driver: string;
  filename: string;
  intervalMs: number;
}

/**
 * The worker's whole program. It is sent as source text (`toString`), so it uses nothing from this
 * module: only `require` and its `workerData`.
 */
function checkpointLoop(data: CheckpointLoopData): void {
  /* eslint-disable @typescript-eslint/no-require-imports -- a worker evaluated from source has only require */
  const { parentPort } = require('node:worker_threads') as { parentPort: typeof ParentPort };
  const Driver = require(data.driver) as typeof Database;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const db = new Driver(data.filename);
  db.pragma('busy_timeout = 5000');
  const timer = setInterval(() => db.pragma('wal_checkpoint(PASSIVE)'), data.intervalMs);
  parentPort?.on('message', () => {
    clearInterval(timer);
    db.close();
    parentPort.close();
  });
}

/** For a file database in WAL mode; an in-memory one has no WAL. */
export function startWalCheckpointer(db: Database.Database): WalCheckpointer {
  if (db.memory) return { close: async () => undefined };
  const workerData: CheckpointLoopData = {
    driver: require.resolve('better-sqlite3'),
    filename: db.name,
    intervalMs: CHECKPOINT_INTERVAL_MS,
  };
  const worker = new Worker(`(${checkpointLoop.toString()})(require('node:worker_threads').workerData)`, {
    eval: true,
    workerData,
  });
  // Never what keeps a process alive: the store's close() ends it.
  worker.unref();
  db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_WITH_WORKER}`);
  let closing = false;
  const exited = new Promise<void>((resolve) => {
    worker.once('exit', () => {
      // A worker that failed or died: the serving connection checkpoints as SQLite does by default.
      if (!closing && db.open) db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_ALONE}`);
      resolve();
    });
  });
  worker.on('error', () => undefined);
  return {
    async close() {
      closing = true;
      // Held until it has exited: otherwise a process with nothing else to do would end first.
      worker.ref();
      worker.postMessage('close');
      await exited;
    },
  };
}
