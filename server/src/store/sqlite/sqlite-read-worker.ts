/**
 * Long reads off the event loop. better-sqlite3 runs a query on the calling thread, so a report
 * over a year of history (the analytics of 100,000 chats: about a second of SQL) would stop every
 * chat of the process for that long. Such reads go to a worker thread with a read-only connection
 * of its own; in WAL mode it reads the last committed state while the serving connection writes.
 *
 * Only reads that can run on any connection belong here: no temporary tables, and of the functions
 * registered on the serving connection only unicode_lower and search_fold, which the worker registers
 * from the same source. An in-memory database cannot be opened twice: its reads run on the serving
 * connection, as they do if the worker cannot start or dies.
 */
import type Database from 'better-sqlite3';
import { Worker, type parentPort as ParentPort } from 'node:worker_threads';
import { foldCaseAndAccents } from '../../search-text';
import { SEARCH_FOLD } from './search-fold';
import { UNICODE_LOWER, unicodeLowerOf } from './unicode-lower';

export interface SqliteReader {
  /** `params`: named (an object) or positional (an array). */
  all<Row>(sql: string, params: ReadParams): Promise<Row[]>;
  get<Row>(sql: string, params: ReadParams): Promise<Row | undefined>;
  /** Stops the worker; reads asked after this run on the serving connection while it is open. */
  close(): Promise<void>;
}

export type ReadParams = Record<string, unknown> | unknown[];

interface ReadRequest {
  id: number;
  method: 'all' | 'get';
  sql: string;
  params: ReadParams;
}

type ReadReply = { id: number; rows: unknown } | { id: number; error: string };

interface ReadLoopData {
  driver: string;
  filename: string;
  /** What the serving connection calls unicode_lower (see unicode-lower.ts). */
  unicodeLowerName: string;
  /** What the serving connection calls search_fold (see search-fold.ts). */
  searchFoldName: string;
}

/**
 * The worker's whole program. It is sent as source text (`toString`), so it uses nothing from this
 * module: only `require`, its `workerData`, and `unicodeLower` and `foldText`, whose sources are sent beside it.
 */
function readLoop(data: ReadLoopData, unicodeLower: (value: unknown) => unknown, foldText: (text: string) => string): void {
  /* eslint-disable @typescript-eslint/no-require-imports -- a worker evaluated from source has only require */
  const { parentPort } = require('node:worker_threads') as { parentPort: typeof ParentPort };
  const Driver = require(data.driver) as typeof Database;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const db = new Driver(data.filename, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  db.function(data.unicodeLowerName, { deterministic: true }, unicodeLower);
  db.function(data.searchFoldName, { deterministic: true }, (value: unknown) => (typeof value === 'string' ? foldText(value) : value));
  const statements = new Map<string, Database.Statement>();
  parentPort?.on('message', (request: ReadRequest | 'close') => {
    if (request === 'close') {
      db.close();
      parentPort.close();
      return;
    }
    try {
      let statement = statements.get(request.sql);
      if (!statement) {
        // Ticket searches build their SQL from the filters chosen: the cache keeps the recent texts, not every one ever asked.
        if (statements.size >= 200) statements.clear();
        statements.set(request.sql, (statement = db.prepare(request.sql)));
      }
      const rows = request.method === 'all' ? statement.all(request.params) : statement.get(request.params);
      parentPort.postMessage({ id: request.id, rows });
    } catch (error) {
      parentPort.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) });
    }
  });
}

/** Runs reads on the serving connection itself: for an in-memory database, or without a worker. */
function readerOn(db: Database.Database): Pick<SqliteReader, 'all' | 'get'> {
  return {
    all: async <Row>(sql: string, params: ReadParams) => db.prepare(sql).all(params) as Row[],
    get: async <Row>(sql: string, params: ReadParams) => db.prepare(sql).get(params) as Row | undefined,
  };
}

/** The worker starts with the first read (most processes never run a report) and stays for the next. */
export function startSqliteReader(db: Database.Database): SqliteReader {
  const inline = readerOn(db);
  if (db.memory) return { ...inline, close: async () => undefined };

  type Pending = { request: ReadRequest; resolve: (rows: unknown) => void; reject: (error: Error) => void };
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let worker: Worker | null = null;
  let exited: Promise<void> = Promise.resolve();
  /** Once the worker stopped (closed, failed or died), reads run on the serving connection. */
  let stopped = false;

  function started(): Worker {
    if (worker) return worker;
    const workerData: ReadLoopData = {
      driver: require.resolve('better-sqlite3'), filename: db.name, unicodeLowerName: UNICODE_LOWER, searchFoldName: SEARCH_FOLD,
    };
    const program = `(${readLoop.toString()})(require('node:worker_threads').workerData, ${unicodeLowerOf.toString()}, ${foldCaseAndAccents.toString()})`;
    const thread = new Worker(program, { eval: true, workerData });
    thread.on('message', (reply: ReadReply) => {
      const waiting = pending.get(reply.id);
      if (!waiting) return;
      pending.delete(reply.id);
      // Idle, it must not keep a process alive; while a read is out it must.
      if (pending.size === 0) thread.unref();
      if ('error' in reply) waiting.reject(new Error(reply.error));
      else waiting.resolve(reply.rows);
    });
    thread.on('error', () => undefined);
    exited = new Promise<void>((resolve) => {
      thread.once('exit', () => {
        stopped = true;
        // Reads still out when the worker failed run here instead: the caller gets its answer.
        for (const { request, resolve: answer, reject } of pending.values()) {
          inline[request.method](request.sql, request.params).then(answer, reject);
        }
        pending.clear();
        resolve();
      });
    });
    worker = thread;
    return thread;
  }

  function send<Result>(method: ReadRequest['method'], sql: string, params: ReadParams): Promise<Result> {
    if (stopped) return inline[method](sql, params) as Promise<Result>;
    const thread = started();
    const request: ReadRequest = { id: (nextId += 1), method, sql, params };
    return new Promise<Result>((resolve, reject) => {
      pending.set(request.id, { request, resolve: resolve as (rows: unknown) => void, reject });
      thread.ref();
      thread.postMessage(request);
    });
  }

  return {
    all: <Row>(sql: string, params: ReadParams) => send<Row[]>('all', sql, params),
    get: <Row>(sql: string, params: ReadParams) => send<Row | undefined>('get', sql, params),
    async close() {
      stopped = true;
      if (!worker) return;
      worker.ref();
      worker.postMessage('close');
      await exited;
    },
  };
}
