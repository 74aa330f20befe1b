// Visitor -> agent delivery latency through Parley (embedded SQLite store) beside a bare Socket.IO
// relay, at several numbers of concurrent conversations and one total message rate.
/* global fetch -- Node 20 has it built in */
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { summarize, ratio, tailConcentration } from '../lib/stats.mjs';
import {
  adminToken,
  createSignedInAgents,
  siteKeyOf,
  updateSiteSettings,
  usePickMode,
} from '../lib/parley-api.mjs';
import {
  cpuSecondsOf,
  freePort,
  machineBusyPercentBetween,
  machineCpuTicks,
  rssMBOf,
  startParleyServer,
  startWorker,
} from '../lib/processes.mjs';
import { sleep } from '../lib/clock.mjs';
import { writeResult } from '../lib/results.mjs';
import { bucketQuantileMs, readDeliveryBuckets } from '../lib/server-histogram.mjs';
import { MESSAGES_PER_VISITOR_PER_RUN, RELAY_MESSAGES_PER_MINUTE, visitorAddress } from '../lib/visitor-addresses.mjs';

const LOAD_WORKER = fileURLToPath(new URL('../lib/socket-load.worker.mjs', import.meta.url));
const BASELINE_SERVER = fileURLToPath(new URL('./baseline-relay.server.mjs', import.meta.url));
const VISITOR_WORKERS = 2;
const AGENT_WORKERS = 2;
// Opening and routing a chat costs more as chats and agents grow (each one is announced to every agent
// console): open gently, so the measurement starts from a settled server.
const OPEN_RATE = 150;
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

/** Agents a level needs so that every conversation is assigned: each may hold 50 chats at most. */
const CHATS_PER_AGENT = 50;
// The load generators yield the CPU to the server under test (both servers alike): on two cores
// shared with them, a server kept off a core by its own load measured the machine, not itself (on a
// slower VM the bare relay fell behind at 5,000 msg/s at niceness 0). BENCH_LOAD_NICENESS=0: as before.
const LOAD_GENERATOR_NICENESS = Number(process.env.BENCH_LOAD_NICENESS ?? 10);
const agentsFor = (conversations) => Math.ceil(conversations / CHATS_PER_AGENT);

/**
 * What each side needs: Parley in auto routing with enough signed-in agents for every conversation
 * (so none waits in the queue), or the baseline with as many agent sockets in its agents room.
 */
async function prepareTarget(target, { conversations, dataRoot }) {
  const agentCount = agentsFor(conversations);
  if (target === 'baseline') {
    const server = await startBaselineServer();
    return {
      server,
      agents: Array.from({ length: agentCount }, (_, k) => ({ auth: { agent: k } })),
      visitorAuth: (i) => ({ conversation: i, agent: i % agentCount }),
    };
  }
  const limit = String(RELAY_MESSAGES_PER_MINUTE);
  const server = await startParleyServer({
    dataRoot,
    env: { VISITOR_MESSAGES_PER_MINUTE: limit, ADDRESS_MESSAGES_PER_MINUTE: limit },
  });
  const token = await adminToken(server.url);
  // Answer timeouts would hand chats around mid-run; the benchmark's agents never answer.
  await updateSiteSettings(server.url, token, { routingMode: 'auto', assignTimeoutSeconds: 3600 });
  const tokens = await createSignedInAgents(server.url, token, agentCount);
  const siteKey = await siteKeyOf(server.url);
  return {
    server,
    agents: tokens.map((agentToken) => ({ auth: { token: agentToken } })),
    visitorAuth: () => ({ siteKey }),
  };
}

const sumOf = (values) => values.reduce((a, b) => a + b, 0);

function mergeCounts(maps) {
  const merged = {};
  for (const map of maps) for (const [key, n] of Object.entries(map)) merged[key] = (merged[key] ?? 0) + n;
  return merged;
}

/** Splits `items` round-robin into `parts` lists. */
const deal = (items, parts) =>
  Array.from({ length: parts }, (_, p) => items.filter((_, i) => i % parts === p));

/** Waits (at most DRAIN_MS) until the agent processes together hold `expected` distinct messages. */
async function receivedByAll(agentWorkers, expected) {
  const deadline = Date.now() + DRAIN_MS;
  while (Date.now() < deadline) {
    const counts = await Promise.all(agentWorkers.map((w) => w.request('receivedCount')));
    // The sum counts twice a message both processes received (every console gets a waiting chat's
    // messages): only the union of their ids says every message has arrived somewhere.
    if (sumOf(counts) >= expected) {
      const lists = await Promise.all(agentWorkers.map((w) => w.request('receivedIdList')));
      if (new Set(lists.flat()).size >= expected) return;
    }
    await sleep(200);
  }
}

/** One receipt from every agent process's: distinct messages, all latencies (and, in the same order, send times). */
function mergeReceipts(receipts) {
  const receivedByPhase = {};
  for (const r of receipts)
    for (const [phase, n] of Object.entries(r.receivedByPhase)) receivedByPhase[phase] = (receivedByPhase[phase] ?? 0) + n;
  return {
    received: new Set(receipts.flatMap((r) => r.receivedIds)).size,
    receivedByPhase,
    latencies: receipts.flatMap((r) => r.latencies),
    sentTimes: receipts.flatMap((r) => r.sentTimes),
    lastMeasuredAt: Math.max(...receipts.map((r) => r.lastMeasuredAt)),
  };
}

/** A bounded reading of Parley's histogram; null when the server is too busy to answer /metrics. */
const readBuckets = (url) => readDeliveryBuckets(url).catch(() => null);

/** One run against `target` ('parley' or 'baseline'); Parley's data directory goes under `dataRoot`. */
export async function measureRelay(target, { conversations, msgPerSec, durationS, warmupS, dataRoot }) {
  const { server, agents, visitorAuth } = await prepareTarget(target, { conversations, dataRoot });
  const loadGenerator = () => startWorker(LOAD_WORKER, { niceness: LOAD_GENERATOR_NICENESS });
  const agentWorkers = Array.from({ length: Math.min(AGENT_WORKERS, agents.length) }, loadGenerator);
  const visitors = Array.from({ length: VISITOR_WORKERS }, loadGenerator);
  const workers = [...agentWorkers, ...visitors];
  try {
    const agentSlices = deal(agents, agentWorkers.length);
    // Every console receives the messages of its own chats: all of them record.
    await Promise.all(
      agentWorkers.map((w, i) =>
        w.request('connectAgents', { url: server.url, agents: agentSlices[i], receiver: 'all' }),
      ),
    );
    const visitorSlices = deal(
      Array.from({ length: conversations }, (_, i) => ({ auth: visitorAuth(i), address: visitorAddress(i) })),
      VISITOR_WORKERS,
    );
    await Promise.all(
      visitors.map((v, w) =>
        v.request('connectVisitors', { url: server.url, visitors: visitorSlices[w] }),
      ),
    );
    const opens = await Promise.all(
      visitors.map((v) => v.request('openConversations', { rate: OPEN_RATE / VISITOR_WORKERS })),
    );

    const perWorkerRate = msgPerSec / VISITOR_WORKERS;
    const phase = (name, seconds) =>
      Promise.all(
        visitors.map((v) =>
          v.request('run', {
            phase: name,
            rate: perWorkerRate,
            count: Math.round(perWorkerRate * seconds),
            maxSeconds: seconds,
          }),
        ),
      );
    await phase('w', warmupS);
    const cpuBefore = cpuSecondsOf(server.pid);
    // The load generators share the machine's cores with the server: how much they and the whole
    // machine used says whether the server had a core to itself or the machine was full.
    const loadCpuOf = () => sumOf(workers.map((w) => cpuSecondsOf(w.pid)));
    const loadCpuBefore = loadCpuOf();
    const machineBefore = machineCpuTicks();
    const loadAverage = Math.round(os.loadavg()[0] * 10) / 10;
    const bucketsBefore = target === 'parley' ? await readBuckets(server.url) : null;
    const runs = await phase('m', durationS);
    const seconds = Math.max(...runs.map((r) => r.seconds));
    const serverCpuPercent = Math.round(((cpuSecondsOf(server.pid) - cpuBefore) / seconds) * 100);
    const loadGeneratorCpuPercent = Math.round(((loadCpuOf() - loadCpuBefore) / seconds) * 100);
    const machineBusyPercent = machineBusyPercentBetween(machineBefore, machineCpuTicks());
    const serverRssMB = rssMBOf(server.pid);
    const startedAt = Math.min(...runs.map((r) => r.startedAt));

    const sends = await Promise.all(visitors.map((v) => v.request('sendReport', { drainMs: DRAIN_MS })));
    const sent = sumOf(sends.map((s) => s.sent));
    await receivedByAll(agentWorkers, sent);
    const receipts = await Promise.all(
      agentWorkers.map((w) => w.request('receiveReport', { expected: 0, drainMs: 0 })),
    );
    const receipt = mergeReceipts(receipts);
    const measuredSent = sumOf(runs.map((r) => r.sent));
    const bucketsAfter = bucketsBefore ? await readBuckets(server.url) : null;
    const deliveredSeconds = Math.max(seconds, (receipt.lastMeasuredAt - startedAt) / 1000);
    const measuredDeliveries = sumOf(receipts.map((r) => r.agentDeliveriesByPhase.m ?? 0));
    const ack = summarize(sends.flatMap((s) => s.ackLatencies));
    return {
      agents: agents.length,
      achievedMsgPerSec: Math.round(measuredSent / seconds),
      deliveredMsgPerSec: Math.round((receipt.receivedByPhase.m ?? 0) / deliveredSeconds),
      // Of the measured messages only: a chat's first message, still waiting, goes to every console.
      agentDeliveriesPerSec: Math.round(measuredDeliveries / deliveredSeconds),
      agentDeliveriesPerMessage: Math.round((measuredDeliveries / Math.max(1, receipt.receivedByPhase.m ?? 0)) * 100) / 100,
      activityDigestsPerSec: Math.round(
        receipts.flatMap((r) => r.activityDigestTimes).filter((at) => at >= startedAt && at < startedAt + seconds * 1000).length / seconds,
      ),
      measuredSeconds: Math.round(seconds * 10) / 10,
      measuredMessages: measuredSent,
      ...summarize(receipt.latencies),
      p99Tail: tailConcentration(receipt.latencies, receipt.sentTimes),
      ackP50Ms: ack.p50Ms,
      ackP99Ms: ack.p99Ms,
      sent,
      acked: sumOf(sends.map((s) => s.acked)),
      received: receipt.received,
      lostMessages: sent - receipt.received,
      errors: mergeCounts(sends.map((s) => s.errors)),
      agentDisconnects: mergeCounts(receipts.map((r) => r.disconnects)),
      visitorDisconnects: mergeCounts(sends.map((s) => s.disconnects)),
      openSeconds: Math.round(Math.max(...opens.map((o) => o.seconds)) * 10) / 10,
      serverCpuPercent,
      loadGeneratorCpuPercent,
      machineBusyPercent,
      serverRssMB,
      loadAverage,
      // From Parley's own histogram (bucket upper bounds): receive -> broadcast inside the server.
      ...(bucketsBefore &&
        bucketsAfter && {
          serverDeliveryP50Ms: bucketQuantileMs(bucketsBefore, bucketsAfter, 0.5),
          serverDeliveryP99Ms: bucketQuantileMs(bucketsBefore, bucketsAfter, 0.99),
        }),
    };
  } finally {
    await Promise.all(workers.map((w) => w.request('close').catch(() => undefined)));
    await Promise.all(workers.map((w) => w.stop()));
    await server.stop();
  }
}

/**
 * Pick mode keeps every chat in the queue, and each new chat re-sends the queue position to every
 * waiting visitor: this measures how that grows with the queue (events and time to open them all).
 */
export async function measurePickModeQueue({ queued = [100, 200, 400], dataRoot } = {}) {
  const results = [];
  for (const count of queued) {
    const server = await startParleyServer({ dataRoot });
    const worker = startWorker(LOAD_WORKER);
    try {
      await usePickMode(server.url, await adminToken(server.url));
      const siteKey = await siteKeyOf(server.url);
      const visitors = Array.from({ length: count }, (_, i) => ({
        auth: { siteKey },
        address: visitorAddress(i),
      }));
      await worker.request('connectVisitors', { url: server.url, visitors });
      const opened = await worker.request('openConversations', { rate: count * 10 });
      const report = await worker.request('sendReport', { drainMs: 5000 });
      results.push({
        queued: opened.opened,
        openAllSeconds: Math.round(opened.seconds * 10) / 10,
        queuePositionEvents: report.queuePositions,
      });
    } finally {
      await worker.request('close').catch(() => undefined);
      await worker.stop();
      await server.stop();
    }
  }
  return results;
}

/** The Parley figures an entry shows for one run. */
const headline = (run) => ({
  achievedMsgPerSec: run.achievedMsgPerSec,
  p50Ms: run.p50Ms,
  p99Ms: run.p99Ms,
  lostMessages: run.lostMessages,
});

/** How many times the bare relay's latencies a run's are. */
const ratiosTo = (baseline, run) => ({
  p50Ratio: ratio(run.p50Ms ?? null, baseline.p50Ms ?? null),
  p99Ratio: ratio(run.p99Ms ?? null, baseline.p99Ms ?? null),
});

/**
 * Whether a run sent what was offered: a chat waits for its acknowledgement before its next message,
 * so a server (or a machine) that falls behind is offered less. When the bare relay falls short, the
 * machine itself is full and both sides' latencies are queues of their own: the ratios mean little.
 */
const keptUp = (run, offered) =>
  typeof run.achievedMsgPerSec === 'number' ? run.achievedMsgPerSec >= offered * 0.99 : null;

/** Where the machine's cores went during a run's measured window (percent of one core, and of all). */
const cpuOf = (run) => ({
  serverCpuPercent: run.serverCpuPercent ?? null,
  loadGeneratorCpuPercent: run.loadGeneratorCpuPercent ?? null,
  machineBusyPercent: run.machineBusyPercent ?? null,
});

/** The bare relay's latencies beside a Parley run's, and the ratios between them. */
const besideBaseline = (baseline, run) => ({
  baselineP50Ms: baseline.p50Ms ?? null,
  baselineP99Ms: baseline.p99Ms ?? null,
  ...ratiosTo(baseline, run),
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
/** Runs one measurement, keeping its failure as a value so the other runs still report. */
async function attempt(label, run) {
  console.log(label);
  try {
    return await run();
  } catch (error) {
    console.error(error);
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

export async function runRelayBenchmark({
  levels = [1000, 5000],
  msgPerSec = 5000,
  // Beside the target's levels, one where Parley is not saturated: latency there is its own cost,
  // not a queue, and varies far less from run to run.
  belowSaturation = { conversations: 1000, msgPerSec: 3000 },
  durationS = 20,
  warmupS = 3,
  memoryRoot = null,
} = {}) {
  const entries = [];
  const loadAverage = [Math.round(os.loadavg()[0] * 10) / 10];
  for (const conversations of levels) {
    const offered = legalRate({ conversations, msgPerSec, durationS, warmupS });
    const settings = { conversations, msgPerSec: offered, durationS, warmupS };
    const label = `relay: ${conversations} conversations, ${agentsFor(conversations)} agents, ${offered} msg/s`;
    const parley = await attempt(`${label}: Parley (data on disk)...`, () =>
      measureRelay('parley', settings),
    );
    const baseline = await attempt(`${label}: bare Socket.IO relay...`, () =>
      measureRelay('baseline', settings),
    );
    const inMemory = memoryRoot
      ? await attempt(`${label}: Parley (data in ${memoryRoot})...`, () =>
          measureRelay('parley', { ...settings, dataRoot: memoryRoot }),
        )
      : null;
    entries.push({
      conversations,
      agents: agentsFor(conversations),
      msgPerSec,
      offeredMsgPerSec: offered,
      ...headline(parley),
      deliveredMsgPerSec: parley.deliveredMsgPerSec ?? null,
      baselineAchievedMsgPerSec: baseline.achievedMsgPerSec ?? null,
      ...besideBaseline(baseline, parley),
      baselineLostMessages: baseline.lostMessages ?? null,
      keptUp: keptUp(parley, offered),
      baselineKeptUp: keptUp(baseline, offered),
      cpu: { parley: cpuOf(parley), baseline: cpuOf(baseline) },
      // Of the messages at or above each run's p99, the share sent in its worst second (see tailConcentration).
      p99TailInWorstSecond: parley.p99Tail?.share ?? null,
      baselineP99TailInWorstSecond: baseline.p99Tail?.share ?? null,
      dataInMemory: inMemory && { ...headline(inMemory), ...ratiosTo(baseline, inMemory) },
      details: { parley, baseline, parleyDataInMemory: inMemory },
    });
  }
  const calmer = { ...belowSaturation, durationS, warmupS };
  const calmLabel = `relay: ${calmer.conversations} conversations, ${calmer.msgPerSec} msg/s (below saturation)`;
  const calmParley = await attempt(`${calmLabel}: Parley (data on disk)...`, () => measureRelay('parley', calmer));
  const calmBaseline = await attempt(`${calmLabel}: bare Socket.IO relay...`, () => measureRelay('baseline', calmer));
  const belowSaturationEntry = {
    conversations: calmer.conversations,
    msgPerSec: calmer.msgPerSec,
    ...headline(calmParley),
    serverCpuPercent: calmParley.serverCpuPercent ?? null,
    ...besideBaseline(calmBaseline, calmParley),
    baselineCpuPercent: calmBaseline.serverCpuPercent ?? null,
    keptUp: keptUp(calmParley, calmer.msgPerSec),
    baselineKeptUp: keptUp(calmBaseline, calmer.msgPerSec),
    cpu: { parley: cpuOf(calmParley), baseline: cpuOf(calmBaseline) },
    details: { parley: calmParley, baseline: calmBaseline },
  };
  const pickModeQueue = await attempt('relay: pick-mode queue positions...', () =>
    measurePickModeQueue({ dataRoot: memoryRoot ?? undefined }),
  );
  loadAverage.push(Math.round(os.loadavg()[0] * 10) / 10);
  const file = writeResult('relay', {
    description:
      'Visitor -> agent message:new latency: the send time is written into the message text and read in the agent ' +
      'process. Parley runs on the embedded SQLite store (data directory on disk; the messages of one event-loop turn are ' +
      'planned in one write transaction and broadcast before SQLite writes them, then committed together and acknowledged ' +
      'after one fdatasync of the WAL off the event loop) in auto routing, with one signed-in agent console ' +
      `per ${CHATS_PER_AGENT} conversations so that every conversation is assigned; a message goes to its visitor and to ` +
      "the console of the chat's agent (other consoles get a coalesced conversation:activity digest once a second, of at most 100 entries, the conversations waiting longest first), and " +
      'every console records what it receives. Beside it a bare Socket.IO relay with no Parley code: ack, forward to the ' +
      "conversation's room and to one agent console's room. Under dataInMemory, Parley with its data directory on tmpfs. " +
      'Messages are sent on schedule, round-robin over the conversations, but a conversation never has two messages ' +
      'unacknowledged: when the server falls behind, achievedMsgPerSec falls below offeredMsgPerSec. Each visitor has ' +
      'its own address (X-Forwarded-For). Parley runs with VISITOR_MESSAGES_PER_MINUTE and ADDRESS_MESSAGES_PER_MINUTE ' +
      `set to ${RELAY_MESSAGES_PER_MINUTE} (the defaults, 30 and 120, would cap 1,000 visitors at about 1,200 msg/s); ` +
      `each visitor sends at most ${MESSAGES_PER_VISITOR_PER_RUN} messages in the run: offeredMsgPerSec is msgPerSec or, ` +
      'where that would break the limit, the most it allows. lostMessages counts messages sent but received by no ' +
      `console after a ${DRAIN_MS / 1000} s drain. pickModeQueue: in pick mode each new chat re-sends queue positions ` +
      'to every waiting visitor. belowSaturation: the same measurement at a rate Parley keeps up with easily ' +
      '(serverCpuPercent counts every thread of the server process). Server and load generators share the machine (2 cores), with other work running on it: ' +
      'loadAverage is the 1-minute load average at the start and end of the benchmark. p99TailInWorstSecond (and ' +
      'details.*.p99Tail): of the messages at or above the run\'s 99th percentile, the share sent within its worst ' +
      'second; near 1, one stall set the 99th percentile (a major garbage collection, a process kept off the CPU), ' +
      'near 0.05, a load spread over the 20 s. keptUp / baselineKeptUp: whether each side sent at least 99% of the ' +
      'offered rate; when the bare relay did not, the machine itself was full (cpu.*: the server process, the load ' +
      'generators together, in percent of one core, and machineBusyPercent, of all cores) and the ratios compare two queues. ' +
      'The load-generator processes run at settings.loadGeneratorNiceness (nice), so that either server has the CPU first.',
    settings: {
      msgPerSec,
      durationS,
      warmupS,
      visitorWorkers: VISITOR_WORKERS,
      agentWorkers: AGENT_WORKERS,
      drainSeconds: DRAIN_MS / 1000,
      transport: 'websocket',
      loadGeneratorNiceness: LOAD_GENERATOR_NICENESS,
    },
    loadAverage,
    levels: entries,
    belowSaturation: belowSaturationEntry,
    pickModeQueue,
  });
  return { file, entries, belowSaturation: belowSaturationEntry, pickModeQueue };
}
