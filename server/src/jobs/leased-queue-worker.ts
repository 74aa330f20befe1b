/**
 * Drains a store-backed queue whose jobs are claimed under a lease: claims due jobs in batches,
 * processes each batch side by side, counts the outcomes, and runs on an interval until stopped.
 * What a job is, how it is sent and how a failure is recorded (retry or give up) stay with the
 * caller (the e-mail and the webhook dispatchers).
 */
import type { Logger } from 'pino';

/** Exponential backoff: the wait after the first failure, doubled after each later one, capped. */
export interface BackoffPolicy {
  firstDelayMs: number;
  maxDelayMs: number;
}

/** How long to wait after the `attempts`-th failed attempt. */
export function backoffDelayMs(attempts: number, policy: BackoffPolicy): number {
  const doublings = Math.min(Math.max(0, attempts - 1), 40);
  return Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** doublings);
}

export const describeError = (error: unknown): string => (error instanceof Error ? error.message : String(error)) || 'unknown error';

export interface ClaimWindow {
  /** ISO time: jobs due by then, and jobs whose lease lapsed by then, may be claimed. */
  now: string;
  /** ISO time the claim holds until. */
  leaseUntil: string;
  limit: number;
}

export interface LeasedQueueWorkerOptions<Job, Outcome extends string> {
  /** The outcomes `process` can report, each counted in the run's report (starting at 0). */
  outcomes: readonly Outcome[];
  /** Claims up to `limit` due jobs until `leaseUntil`, so no other worker takes them meanwhile. */
  claim(window: ClaimWindow): Promise<Job[]>;
  /** Sends one job and records its outcome in the store. */
  process(job: Job): Promise<Outcome>;
  /** After each run's batches (housekeeping such as pruning); its failures are the caller's to log. */
  afterRun?(): Promise<void>;
  logger: Logger;
  /** What a job is in log lines ("an e-mail") and the id fields that name one. */
  jobNoun: string;
  logContext(job: Job): Record<string, unknown>;
  /** Names the run in the log line when a whole run fails ("e-mail dispatch"). */
  runName: string;
  now?: () => Date;
  /** Longer than any one job can take, or a job could be processed twice. */
  leaseMs: number;
  /** Jobs claimed, and processed side by side, at a time. */
  batchSize: number;
  /** A run yields after this many batches, so one busy queue cannot hold the loop forever. */
  maxBatchesPerRun?: number;
}

export interface LeasedQueueWorker<Outcome extends string> {
  /** Processes every job due now (in batches) and counts the outcomes. */
  runOnce(): Promise<Record<Outcome, number>>;
  /** Runs now and then every `intervalMs` after the previous run ends, until stop(). */
  start(intervalMs: number): void;
  /** Runs soon, outside the interval; nothing when not started or while a run is in progress. */
  kick(): void;
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
}

const DEFAULT_MAX_BATCHES_PER_RUN = 50;

export function createLeasedQueueWorker<Job, Outcome extends string>(
  options: LeasedQueueWorkerOptions<Job, Outcome>,
): LeasedQueueWorker<Outcome> {
  const { logger, leaseMs, batchSize } = options;
  const now = options.now ?? (() => new Date());
  const maxBatches = options.maxBatchesPerRun ?? DEFAULT_MAX_BATCHES_PER_RUN;

  async function processLogged(job: Job): Promise<Outcome | null> {
    try {
      return await options.process(job);
    } catch (error) {
      // The lease lapses and a later run takes the job over: processed twice beats lost.
      logger.error({ ...options.logContext(job), err: describeError(error) }, `could not record the outcome of ${options.jobNoun}`);
      return null;
    }
  }

  async function runOnce(): Promise<Record<Outcome, number>> {
    const report = Object.fromEntries(options.outcomes.map((outcome) => [outcome, 0])) as Record<Outcome, number>;
    for (let batches = 0; batches < maxBatches; batches += 1) {
      const at = now().getTime();
      const claimed = await options.claim({
        now: new Date(at).toISOString(), leaseUntil: new Date(at + leaseMs).toISOString(), limit: batchSize,
      });
      for (const outcome of await Promise.all(claimed.map(processLogged))) if (outcome) report[outcome] += 1;
      if (claimed.length < batchSize) break;
    }
    await options.afterRun?.();
    return report;
  }

  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let active = false;
  let every = 0;

  function schedule(delayMs: number): void {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      running = runOnce().then(
        () => undefined,
        (error: unknown) => logger.error({ err: describeError(error) }, `${options.runName} run failed`),
      );
      void running.then(() => {
        running = null;
        // A kick during the run may already have scheduled the next one.
        if (active && !timer) schedule(every);
      });
    }, delayMs);
    // The worker alone never keeps a process alive.
    timer.unref();
  }

  return {
    runOnce,
    start(intervalMs) {
      if (active) return;
      active = true;
      every = intervalMs;
      schedule(0);
    },
    kick() {
      if (active && !running) schedule(0);
    },
    async stop() {
      active = false;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}
