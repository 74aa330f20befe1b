// Visitor -> agent delivery latency through Parley (embedded SQLite store) beside a bare Socket.IO
// relay, at several numbers of concurrent conversations and one total message rate.
/* global fetch -- Node 20 has it built in */
import { fileURLToPath } from 'node:url';
import { summarize, ratio } from '../lib/stats.mjs';
import { adminToken, siteKeyOf, usePickMode } from '../lib/parley-api.mjs';
import { cpuSecondsOf, freePort, rssMBOf, startParleyServer, startWorker } from '../lib/processes.mjs';
import { sleep } from '../lib/clock.mjs';
import { writeResult } from '../lib/results.mjs';
import { bucketQuantileMs, readDeliveryBuckets } from '../lib/server-histogram.mjs';
import { MESSAGES_PER_VISITOR_PER_RUN, visitorAddress } from '../lib/visitor-addresses.mjs';

const LOAD_WORKER = fileURLToPath(new URL('../lib/socket-load.worker.mjs', import.meta.url));
const BASELINE_SERVER = fileURLToPath(new URL('./baseline-relay.server.mjs', import.meta.url));
const VISITOR_WORKERS = 2;
const OPEN_RATE = 500;
// Long enough for a saturated server to answer every conversation's message still in flight.
const DRAIN_MS = 60_000;

async function startBaselineServer() {
  const port = await freePort();
  const server = startWorker(BASELINE_SERVER, { args: [String(port)] });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { url, pid: server.pid, stop: () => server.stop() };
    } catch {
      await sleep(50);
    }
  }
  throw new Error('the baseline relay did not start');
}

/** What each side needs to connect: Parley's real handshake, or the baseline's room number. */
async function prepareTarget(target, dataRoot) {
  if (target === 'baseline') {
    const server = await startBaselineServer();
    return { server, agentAuth: {}, visitorAuth: (i) => ({ conversation: i }) };
  }
  const server = await startParleyServer({ dataRoot });
  const token = await adminToken(server.url);
  await usePickMode(server.url, token);
  const siteKey = await siteKeyOf(server.url);
  return { server, agentAuth: { token }, visitorAuth: () => ({ siteKey }) };
}

const sumOf = (values) => values.reduce((a, b) => a + b, 0);

function mergeCounts(maps) {
  const merged = {};
  for (const map of maps) for (const [key, n] of Object.entries(map)) merged[key] = (merged[key] ?? 0) + n;
  return merged;
}

/** One run against `target` ('parley' or 'baseline'); Parley's data directory goes under `dataRoot`. */
export async function measureRelay(target, { conversations, msgPerSec, durationS, warmupS, dataRoot }) {
  const { server, agentAuth, visitorAuth } = await prepareTarget(target, dataRoot);
  const agent = startWorker(LOAD_WORKER);
  const visitors = Array.from({ length: VISITOR_WORKERS }, () => startWorker(LOAD_WORKER));
  try {
    await agent.request('connectAgent', { url: server.url, auth: agentAuth, name: 'agent' });
    const slices = visitors.map((_, w) =>
      Array.from({ length: conversations }, (_, i) => i)
        .filter((i) => i % VISITOR_WORKERS === w)
        .map((i) => ({ auth: visitorAuth(i), address: visitorAddress(i) })),
    );
    await Promise.all(
      visitors.map((v, w) =>
        v.request('connectVisitors', { url: server.url, visitors: slices[w], name: `v${w}` }),
      ),
    );
    await Promise.all(
      visitors.map((v) => v.request('openConversations', { rate: OPEN_RATE / VISITOR_WORKERS })),
    );

    const perWorkerRate = msgPerSec / VISITOR_WORKERS;
    await Promise.all(
      visitors.map((v) =>
        v.request('run', {
          phase: 'w',
          rate: perWorkerRate,
          count: Math.round(perWorkerRate * warmupS),
          maxSeconds: warmupS,
        }),
      ),
    );
    const cpuBefore = cpuSecondsOf(server.pid);
    const bucketsBefore = target === 'parley' ? await readDeliveryBuckets(server.url) : null;
    const runs = await Promise.all(
      visitors.map((v) =>
        v.request('run', {
          phase: 'm',
          rate: perWorkerRate,
          count: Math.round(perWorkerRate * durationS),
          maxSeconds: durationS,
        }),
      ),
    );
    const seconds = Math.max(...runs.map((r) => r.seconds));
    const serverCpuPercent = Math.round(((cpuSecondsOf(server.pid) - cpuBefore) / seconds) * 100);
    const serverRssMB = rssMBOf(server.pid);
    const startedAt = Math.min(...runs.map((r) => r.startedAt));

    const sends = await Promise.all(visitors.map((v) => v.request('sendReport', { drainMs: DRAIN_MS })));
    const sent = sumOf(sends.map((s) => s.sent));
    const receipt = await agent.request('receiveReport', { expected: sent, drainMs: DRAIN_MS });
    const measuredSent = sumOf(runs.map((r) => r.sent));
    const latency = summarize(receipt.latencies);
    const bucketsAfter = bucketsBefore ? await readDeliveryBuckets(server.url) : null;
    const deliveredSeconds = Math.max(seconds, (receipt.lastMeasuredAt - startedAt) / 1000);
    const ack = summarize(sends.flatMap((s) => s.ackLatencies));
    const errors = mergeCounts(sends.map((s) => s.errors));
    return {
      achievedMsgPerSec: Math.round(measuredSent / seconds),
      deliveredMsgPerSec: Math.round((receipt.receivedByPhase.m ?? 0) / deliveredSeconds),
      measuredSeconds: Math.round(seconds * 10) / 10,
      measuredMessages: measuredSent,
      ...latency,
      ackP50Ms: ack.p50Ms,
      ackP99Ms: ack.p99Ms,
      sent,
      acked: sumOf(sends.map((s) => s.acked)),
      received: receipt.received,
      lostMessages: sent - receipt.received,
      errors,
      agentDisconnects: receipt.disconnects,
      visitorDisconnects: mergeCounts(sends.map((s) => s.disconnects)),
      serverCpuPercent,
      serverRssMB,
      // From Parley's own histogram (bucket upper bounds): receive -> broadcast inside the server.
      ...(bucketsAfter && {
        serverDeliveryP50Ms: bucketQuantileMs(bucketsBefore, bucketsAfter, 0.5),
        serverDeliveryP99Ms: bucketQuantileMs(bucketsBefore, bucketsAfter, 0.99),
      }),
    };
  } finally {
    await Promise.all([agent, ...visitors].map((w) => w.request('close').catch(() => undefined)));
    await Promise.all([agent, ...visitors].map((w) => w.stop()));
    await server.stop();
  }
}

/** The Parley figures an entry shows for one run. */
const headline = (run) => ({
  achievedMsgPerSec: run.achievedMsgPerSec,
  p50Ms: run.p50Ms,
  p99Ms: run.p99Ms,
  lostMessages: run.lostMessages,
});

/**
 * The rate a level can offer without tripping Parley's per-visitor limit: every visitor sends its
 * first message, then its share of warm-up and measurement, and stays under the limit for the run.
 */
export function legalRate({ conversations, msgPerSec, durationS, warmupS }) {
  const perVisitorPerSecond = (MESSAGES_PER_VISITOR_PER_RUN - 1) / (durationS + warmupS);
  return Math.min(msgPerSec, Math.floor(conversations * perVisitorPerSecond));
}

/**
 * Each level runs Parley with its data on disk (as deployed), the bare relay, and, when `memoryRoot`
 * is given (a tmpfs such as /dev/shm), Parley again with its data in memory: the difference is
 * what the store's fsync costs. Both sides get the same offered rate.
 */
export async function runRelayBenchmark({
  levels = [1000, 5000],
  msgPerSec = 5000,
  durationS = 20,
  warmupS = 3,
  memoryRoot = null,
} = {}) {
  const entries = [];
  for (const conversations of levels) {
    const offered = legalRate({ conversations, msgPerSec, durationS, warmupS });
    const settings = { conversations, msgPerSec: offered, durationS, warmupS };
    const label = `relay: ${conversations} conversations at ${offered} msg/s`;
    console.log(`${label}, Parley (data on disk)...`);
    const parley = await measureRelay('parley', settings);
    console.log(`${label}, bare Socket.IO relay...`);
    const baseline = await measureRelay('baseline', settings);
    let parleyDataInMemory = null;
    if (memoryRoot) {
      console.log(`${label}, Parley (data in ${memoryRoot})...`);
      parleyDataInMemory = await measureRelay('parley', { ...settings, dataRoot: memoryRoot });
    }
    entries.push({
      conversations,
      msgPerSec,
      offeredMsgPerSec: offered,
      ...headline(parley),
      deliveredMsgPerSec: parley.deliveredMsgPerSec,
      baselineAchievedMsgPerSec: baseline.achievedMsgPerSec,
      baselineP50Ms: baseline.p50Ms,
      baselineP99Ms: baseline.p99Ms,
      p50Ratio: ratio(parley.p50Ms, baseline.p50Ms),
      p99Ratio: ratio(parley.p99Ms, baseline.p99Ms),
      baselineLostMessages: baseline.lostMessages,
      dataInMemory: parleyDataInMemory && {
        ...headline(parleyDataInMemory),
        p50Ratio: ratio(parleyDataInMemory.p50Ms, baseline.p50Ms),
        p99Ratio: ratio(parleyDataInMemory.p99Ms, baseline.p99Ms),
      },
      details: { parley, baseline, parleyDataInMemory },
    });
  }
  const file = writeResult('relay', {
    description:
      'Visitor -> agent message:new latency (send time written into the message text, read in the agent process). ' +
      'Parley on the embedded SQLite store (synchronous=FULL, data directory on disk) in pick mode, where one agent ' +
      'console receives every message of the site; beside it a bare Socket.IO relay (ack, forward to the conversation ' +
      'room and the agents room) and, under dataInMemory, Parley with its data directory on tmpfs. Messages are sent ' +
      'on schedule, round-robin over the conversations, but a conversation never has two messages unacknowledged: ' +
      'when the server falls behind, achievedMsgPerSec falls below offeredMsgPerSec. Each visitor has its own address ' +
      `(X-Forwarded-For) and sends at most ${MESSAGES_PER_VISITOR_PER_RUN} messages in the run, under Parley's 30 a minute per ` +
      'visitor: offeredMsgPerSec is msgPerSec or, where that would break the limit, the most the limit allows. ' +
      'Server and load generators share the machine.',
    settings: {
      msgPerSec,
      durationS,
      warmupS,
      visitorWorkers: VISITOR_WORKERS,
      drainSeconds: DRAIN_MS / 1000,
      transport: 'websocket',
    },
    levels: entries,
  });
  return { file, entries };
}
