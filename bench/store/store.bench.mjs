// Messages through the store: appendMessage and history reads on the server's SqliteStore directly
// (one process, then two processes on one file), and end to end through a running server.
import { performance } from 'node:perf_hooks';
import { Buffer } from 'node:buffer';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startWorker } from '../lib/processes.mjs';
import { writeResult } from '../lib/results.mjs';
import { legalRate, measureRelay } from '../relay/relay.bench.mjs';
import { bundleSqliteStore } from './sqlite-store.bundle.mjs';

const STORE_WORKER = fileURLToPath(new URL('./store-append.worker.mjs', import.meta.url));
const CONVERSATIONS = 100;
const APPEND = { maxMessages: 50_000, maxSeconds: 10 };
const READ = { maxReads: 20_000, maxSeconds: 5 };

/**
 * What this directory's disk allows for one second: 4 KB writes each followed by fdatasync, into a
 * growing file (like a new WAL) and over a preallocated one (like a WAL reused after a checkpoint).
 */
function syncedWritesPerSecond(dataRoot) {
  const dir = fs.mkdtempSync(path.join(dataRoot, 'parley-bench-fsync-'));
  const block = Buffer.alloc(4096, 1);
  const rate = ({ preallocated }) => {
    const file = path.join(dir, preallocated ? 'reused' : 'growing');
    const fd = fs.openSync(file, 'w');
    if (preallocated) {
      fs.writeSync(fd, Buffer.alloc(4 * 2 ** 20));
      fs.fsyncSync(fd);
    }
    const start = performance.now();
    let n = 0;
    while (performance.now() - start < 1000) {
      fs.writeSync(fd, block, 0, block.length, preallocated ? (n % 1024) * 4096 : null);
      fs.fdatasyncSync(fd);
      n += 1;
    }
    fs.closeSync(fd);
    return Math.round(n / ((performance.now() - start) / 1000));
  };
  const result = { growingFile: rate({ preallocated: false }), reusedFile: rate({ preallocated: true }) };
  fs.rmSync(dir, { recursive: true, force: true });
  return result;
}

async function directOnOneProcess(bundle, dataRoot) {
  const dataDir = fs.mkdtempSync(path.join(dataRoot, 'parley-bench-store-'));
  const worker = startWorker(STORE_WORKER);
  try {
    await worker.request('open', { bundle, dataDir, label: 'one', conversationCount: CONVERSATIONS });
    const append = await worker.request('append', { label: 'one', ...APPEND });
    const inFlight = await worker.request('appendInFlight', { label: 'one', ...APPEND });
    const read = await worker.request('readHistory', READ);
    await worker.request('close');
    return { append, inFlight, read };
  } finally {
    await worker.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Two processes appending to one file at once, as two server processes sharing DATA_DIR do. */
async function directOnTwoProcesses(bundle, dataRoot) {
  const dataDir = fs.mkdtempSync(path.join(dataRoot, 'parley-bench-store-'));
  const workers = [startWorker(STORE_WORKER), startWorker(STORE_WORKER)];
  try {
    // One after the other: the first creates the schema.
    for (const [i, worker] of workers.entries()) {
      await worker.request('open', { bundle, dataDir, label: `p${i}`, conversationCount: CONVERSATIONS });
    }
    const appends = await Promise.all(
      workers.map((worker, i) => worker.request('append', { label: `p${i}`, ...APPEND })),
    );
    await Promise.all(workers.map((worker) => worker.request('close')));
    return {
      perSec: appends.reduce((sum, a) => sum + a.perSec, 0),
      perProcess: appends.map(({ perSec, p50Ms, p99Ms }) => ({ perSec, p50Ms, p99Ms })),
    };
  } finally {
    await Promise.all(workers.map((worker) => worker.stop()));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * As fast as acknowledgements allow: every conversation sends its next message once the last is
 * acked, up to the messages a visitor may send in the run.
 */
async function endToEnd(dataRoot) {
  const settings = { conversations: 500, msgPerSec: 1_000_000, durationS: 10, warmupS: 1 };
  const run = await measureRelay('parley', { ...settings, msgPerSec: legalRate(settings), dataRoot });
  return {
    storedPerSec: run.achievedMsgPerSec,
    deliveredPerSec: run.deliveredMsgPerSec,
    ackP50Ms: run.ackP50Ms,
    ackP99Ms: run.ackP99Ms,
    lostMessages: run.lostMessages,
    serverCpuPercent: run.serverCpuPercent,
  };
}

async function measureOn(bundle, dataRoot) {
  console.log(`store: ${dataRoot}...`);
  const direct = await directOnOneProcess(bundle, dataRoot);
  const twoProcesses = await directOnTwoProcesses(bundle, dataRoot);
  const throughServer = await endToEnd(dataRoot);
  return {
    dataRoot,
    syncedWritesPerSec: syncedWritesPerSecond(dataRoot),
    appendMessage: direct.append,
    appendMessageAllInFlight: direct.inFlight,
    appendMessageTwoProcesses: twoProcesses,
    listMessages: direct.read,
    endToEnd: throughServer,
  };
}

export async function runStoreBenchmark({ memoryRoot = null } = {}) {
  const bundle = await bundleSqliteStore();
  const onDisk = await measureOn(bundle, os.tmpdir());
  const inMemory = memoryRoot ? await measureOn(bundle, memoryRoot) : null;
  fs.rmSync(path.dirname(bundle), { recursive: true, force: true });
  const file = writeResult('store', {
    description:
      "The server's SqliteStore (journal_mode=WAL; message commits made durable by an fdatasync of the WAL off the event loop) driven directly, one awaited call at a time as " +
      `the conversation service does: appendMessage over ${CONVERSATIONS} conversations; appendMessageAllInFlight with ` +
      `all ${CONVERSATIONS} conversations appending at once, each its next message once the last is stored (the appends ` +
      'of one event-loop turn share one commit and one fsync); listMessages of a whole conversation, two processes ' +
      'appending to one file; then end to end through a running server (500 visitors, each sending its next message as ' +
      'soon as the last is acknowledged, under the relay benchmark\'s message limits; every message goes to its chat\'s ' +
      'agent console, auto routing). ' +
      "syncedWritesPerSec is the directory's own limit: 4 KB writes each followed by fdatasync, appended to a growing file " +
      'and over a preallocated one. inMemory repeats it all on tmpfs.',
    appendsPerSec: onDisk.appendMessage.perSec,
    appendsAllInFlightPerSec: onDisk.appendMessageAllInFlight.perSec,
    endToEndStoredPerSec: onDisk.endToEnd.storedPerSec,
    endToEndDeliveredPerSec: onDisk.endToEnd.deliveredPerSec,
    onDisk,
    inMemory,
  });
  return { file, onDisk, inMemory };
}
