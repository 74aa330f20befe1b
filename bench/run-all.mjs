// `pnpm bench`: runs every benchmark against the built server, prints a short summary and writes
// bench/results/*.json. Benchmarks report figures; none of them passes or fails on a threshold.
//
// Environment (all optional):
//   BENCH_ONLY=relay,capacity,store,widget,others   run a subset
//   BENCH_DURATION_S=20          relay measurement window per run (after a 3 s warm-up)
//   BENCH_CONNECTIONS=10000      idle connections for the capacity benchmark
//   BENCH_MEMORY_ROOT=/dev/shm   a tmpfs for the "data in memory" runs; "none" skips them
//   BENCH_WIDGET_RUNS=5          Lighthouse runs per page (with and without the snippet), medians reported
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './lib/deps.mjs';
import { RESULTS_DIR } from './lib/results.mjs';
import { runCapacityBenchmark } from './capacity/capacity.bench.mjs';
import { runRelayBenchmark } from './relay/relay.bench.mjs';
import { runStoreBenchmark } from './store/store.bench.mjs';

const only = process.env.BENCH_ONLY?.split(',').map((name) => name.trim());
const wanted = (name) => !only || only.includes(name);
const durationS = Number(process.env.BENCH_DURATION_S ?? 20);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10_000);

function memoryRoot() {
  const chosen = process.env.BENCH_MEMORY_ROOT ?? '/dev/shm';
  if (chosen === 'none') return null;
  try {
    fs.accessSync(chosen, fs.constants.W_OK);
    return chosen;
  } catch {
    return null;
  }
}

const summary = [];
const failures = [];

async function step(name, run) {
  if (!wanted(name)) return;
  const started = Date.now();
  try {
    const lines = await run();
    summary.push(...lines);
  } catch (error) {
    failures.push(name);
    summary.push(`${name}: could not run: ${error instanceof Error ? error.message : String(error)}`);
    console.error(error);
  }
  console.log(`${name}: done in ${Math.round((Date.now() - started) / 1000)} s`);
}

const signed = (value) => (value > 0 ? `+${value}` : String(value));
const ms = (value) => (value === null || value === undefined ? 'n/a' : `${value} ms`);

await step('store', async () => {
  const { onDisk, inMemory } = await runStoreBenchmark({ memoryRoot: memoryRoot() });
  const line = (label, r) =>
    `store (${label}): appendMessage ${r.appendMessage.perSec}/s (p99 ${ms(r.appendMessage.p99Ms)}), two processes ` +
    `${r.appendMessageTwoProcesses.perSec}/s, history reads ${r.listMessages.perSec}/s; end to end ` +
    `${r.endToEnd.storedPerSec} stored/s, ${r.endToEnd.deliveredPerSec} delivered/s; disk allows ${r.syncedWritesPerSec.growingFile}-${r.syncedWritesPerSec.reusedFile} synced writes/s`;
  return [
    line('data on disk', onDisk),
    ...(inMemory ? [line(`data in ${inMemory.dataRoot}`, inMemory)] : []),
  ];
});

await step('capacity', async () => {
  const r = await runCapacityBenchmark({ connections });
  return [
    `capacity: ${r.connections} idle visitor connections in one process, RSS ${r.rssMB} MB (${r.kbPerConnection} KB each), ` +
      `${r.handshakesPerSec} handshakes/s${r.failures.length ? `, ${r.failures.length} client processes failed` : ''}`,
  ];
});

await step('relay', async () => {
  const { entries, belowSaturation: calm } = await runRelayBenchmark({ durationS, memoryRoot: memoryRoot() });
  const calmLine =
    `relay: ${calm.conversations} conversations, ${calm.msgPerSec} msg/s (below saturation): Parley p50 ${ms(calm.p50Ms)} ` +
    `p99 ${ms(calm.p99Ms)} lost ${calm.lostMessages}, CPU ${calm.serverCpuPercent}%; bare relay p50 ${ms(calm.baselineP50Ms)} ` +
    `p99 ${ms(calm.baselineP99Ms)}, CPU ${calm.baselineCpuPercent}%; ratio p50 ${calm.p50Ratio} p99 ${calm.p99Ratio}`;
  return [...entries.flatMap((e) => [
    `relay: ${e.conversations} conversations, ${e.offeredMsgPerSec} msg/s offered: Parley ${e.achievedMsgPerSec} msg/s ` +
      `p50 ${ms(e.p50Ms)} p99 ${ms(e.p99Ms)} lost ${e.lostMessages}; bare relay p50 ${ms(e.baselineP50Ms)} ` +
      `p99 ${ms(e.baselineP99Ms)}; ratio p50 ${e.p50Ratio} p99 ${e.p99Ratio}; ` +
      `share of the slowest 1% sent in one second: Parley ${e.p99TailInWorstSecond}, bare relay ${e.baselineP99TailInWorstSecond}; ` +
      `machine busy ${e.cpu.parley.machineBusyPercent}% / ${e.cpu.baseline.machineBusyPercent}% (load generators ` +
      `${e.cpu.parley.loadGeneratorCpuPercent}% / ${e.cpu.baseline.loadGeneratorCpuPercent}% of a core)` +
      (e.baselineKeptUp === false
        ? `; the bare relay fell behind (${e.baselineAchievedMsgPerSec} msg/s): the machine was full, the ratios compare two queues`
        : ''),
    ...(e.dataInMemory
      ? [
          `relay: ${e.conversations} conversations, data in memory: Parley ${e.dataInMemory.achievedMsgPerSec} msg/s ` +
            `p50 ${ms(e.dataInMemory.p50Ms)} p99 ${ms(e.dataInMemory.p99Ms)} lost ${e.dataInMemory.lostMessages}`,
        ]
      : []),
  ]), calmLine];
});

/** Runs `node script args` from the repository root, its output shown as it goes. */
function runScript(script, args = [], env = {}) {
  const result = spawnSync(process.execPath, [script, ...args], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
    env: { ...process.env, BENCH_RESULTS_DIR: RESULTS_DIR, ...env },
  });
  return result.status;
}

// The widget's weight and its cost to a host page: sizes from widget/dist and Lighthouse medians
// without and with the snippet (bench/widget-lighthouse.mjs writes bench/results/widget.json).
await step('widget', async () => {
  const status = runScript(path.join('bench', 'widget-lighthouse.mjs'), [process.env.BENCH_WIDGET_RUNS ?? '5']);
  if (status !== 0) throw new Error(`bench/widget-lighthouse.mjs exited with ${status}`);
  const r = JSON.parse(fs.readFileSync(path.join(RESULTS_DIR, 'widget.json'), 'utf8'));
  return [
    `widget: loader ${r.loaderGzipBytes} B gzip (${r.loaderBrotliBytes} B brotli), panel initial ${r.panelGzipBytes} B gzip ` +
      `(${r.panelBrotliBytes} B brotli), largest locale ${r.localeMaxGzipBytes} B gzip; host page with the snippet: ` +
      `Lighthouse score ${signed(r.lighthouseScoreDelta)} points, TBT ${signed(r.totalBlockingTimeDeltaMs)} ms, ` +
      `CLS ${r.cumulativeLayoutShift}`,
  ];
});

// Benchmarks other parts of Parley keep at bench/*.bench.mjs write their own results.
await step('others', async () => {
  const scripts = fs
    .readdirSync(path.join(REPO_ROOT, 'bench'))
    .filter((name) => name.endsWith('.bench.mjs'))
    .sort();
  return scripts.map((name) => `${name}: exited with ${runScript(path.join('bench', name))}`);
});

console.log(`\nParley benchmarks (${new Date().toISOString()}), results in bench/results/:`);
for (const line of summary) console.log(`  ${line}`);
if (failures.length > 0) {
  console.log(`\nCould not run: ${failures.join(', ')}`);
  process.exitCode = 1;
}
