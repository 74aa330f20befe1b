import { Writable } from 'node:stream';
import pino from 'pino';
import { backoffDelayMs, createLeasedQueueWorker, type ClaimWindow, type LeasedQueueWorkerOptions } from './leased-queue-worker';

type Outcome = 'done' | 'retried';
interface Job {
  id: number;
}

/** A queue in memory: claim hands out the first `limit` jobs not yet handed out. */
function memoryQueue(size: number) {
  const waiting = Array.from({ length: size }, (_, i) => ({ id: i + 1 }));
  const windows: ClaimWindow[] = [];
  return {
    windows,
    claim: async (window: ClaimWindow): Promise<Job[]> => {
      windows.push(window);
      return waiting.splice(0, window.limit);
    },
  };
}

function capturedLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: pino({ level: 'info' }, stream) };
}

const clock = new Date('2030-01-01T10:00:00.000Z');

function worker(overrides: Partial<LeasedQueueWorkerOptions<Job, Outcome>> & Pick<LeasedQueueWorkerOptions<Job, Outcome>, 'claim'>) {
  return createLeasedQueueWorker<Job, Outcome>({
    outcomes: ['done', 'retried'],
    process: async () => 'done',
    logger: pino({ level: 'silent' }),
    jobNoun: 'a job',
    logContext: (job) => ({ jobId: job.id }),
    runName: 'test queue',
    now: () => clock,
    leaseMs: 60_000,
    batchSize: 10,
    ...overrides,
  });
}

test('backs off from the first delay, doubling after each failure, up to the cap', () => {
  const policy = { firstDelayMs: 1000, maxDelayMs: 5000 };
  expect([0, 1, 2, 3, 4, 100].map((attempts) => backoffDelayMs(attempts, policy))).toEqual([1000, 1000, 2000, 4000, 5000, 5000]);
});

test('a run claims batches under a lease until one comes back short, and counts every outcome', async () => {
  const queue = memoryQueue(25);
  const run = worker({ claim: queue.claim, process: async (job) => (job.id % 5 === 0 ? 'retried' : 'done') });

  expect(await run.runOnce()).toEqual({ done: 20, retried: 5 });
  expect(queue.windows).toEqual(Array(3).fill({ now: '2030-01-01T10:00:00.000Z', leaseUntil: '2030-01-01T10:01:00.000Z', limit: 10 }));
  expect(await run.runOnce()).toEqual({ done: 0, retried: 0 });
});

test('a job whose outcome cannot be recorded is logged and left to its lease; the rest of the batch still counts', async () => {
  const { lines, logger } = capturedLogger();
  const run = worker({
    claim: memoryQueue(3).claim, logger,
    process: async (job) => {
      if (job.id === 2) throw new Error('database is locked');
      return 'done';
    },
  });

  expect(await run.runOnce()).toEqual({ done: 2, retried: 0 });
  expect(lines).toEqual([expect.objectContaining({ jobId: 2, err: 'database is locked', msg: 'could not record the outcome of a job' })]);
});

test('a run yields after its last allowed batch, however full the queue', async () => {
  const queue = memoryQueue(1000);
  const run = worker({ claim: queue.claim, maxBatchesPerRun: 3 });

  expect(await run.runOnce()).toEqual({ done: 30, retried: 0 });
  expect(queue.windows).toHaveLength(3);
});

test('housekeeping runs once after the batches of each run', async () => {
  const order: string[] = [];
  const queue = memoryQueue(15);
  const run = worker({
    claim: async (window) => {
      order.push('claim');
      return queue.claim(window);
    },
    afterRun: async () => {
      order.push('afterRun');
    },
  });

  await run.runOnce();
  expect(order).toEqual(['claim', 'claim', 'afterRun']);
});

test('once started it runs at once; kick runs again before the interval; stop waits for the run in progress', async () => {
  const claims: Array<() => void> = [];
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const processed: number[] = [];
  let next = 1;
  const claimed = () => new Promise<void>((resolve) => claims.push(resolve));
  const run = worker({
    claim: async () => {
      claims.shift()?.();
      return [{ id: next++ }];
    },
    process: async (job) => {
      if (job.id === 2) await held;
      processed.push(job.id);
      return 'done';
    },
  });

  const firstClaim = claimed();
  run.start(3600_000);
  await firstClaim;
  // An hour's interval: only kick can bring the second run within the test's time.
  const secondClaim = claimed();
  await new Promise<void>((resolve) => setImmediate(resolve));
  run.kick();
  await secondClaim;

  let stopped = false;
  const stopping = run.stop().then(() => {
    stopped = true;
  });
  await new Promise<void>((resolve) => setImmediate(resolve));
  expect(stopped).toBe(false);
  release();
  await stopping;
  expect(processed).toEqual([1, 2]);
});
