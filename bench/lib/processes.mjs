// Child processes for the benchmarks: the built Parley server, bare servers, and load workers,
// each with its open-file limit raised to the hard limit (thousands of sockets per process).
/* global fetch -- Node 20 has it built in */
import { clearTimeout, setTimeout } from 'node:timers';
import { fork, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from './deps.mjs';
import { sleep } from './clock.mjs';

// BENCH_SERVER_MAIN: another build of the server, for paired runs of two versions.
const SERVER_MAIN = process.env.BENCH_SERVER_MAIN ?? path.join(REPO_ROOT, 'server/dist/main.js');
// `sh -c` raises the soft descriptor limit, then becomes node itself (same pid, IPC fd inherited).
const RAISE_FD_LIMIT = 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$0" "$@"';

export const BENCH_ADMIN = { email: 'bench@parley.test', password: 'bench admin password' };

export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** Resident memory of a process, from /proc (Linux), in MB. */
export function rssMBOf(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
  return Math.round((kb / 1024) * 10) / 10;
}

/** User+system CPU seconds a process has used so far, from /proc (Linux). */
export function cpuSecondsOf(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticksPerSecond = 100;
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

/**
 * The whole machine's CPU time so far, from /proc/stat (Linux), in ticks over every core: busy
 * (user, nice, system, irq, softirq, and steal: time the hypervisor gave to another guest) and total
 * (busy, idle and iowait; guest time is already inside user).
 */
export function machineCpuTicks() {
  const [user, nice, system, idle, iowait, irq, softirq, steal] = fs
    .readFileSync('/proc/stat', 'utf8')
    .split('\n', 1)[0]
    .trim()
    .split(/\s+/)
    .slice(1)
    .map((n) => Number(n) || 0);
  const busy = user + nice + system + irq + softirq + steal;
  return { busy, total: busy + idle + iowait };
}

/** How busy the machine was between two machineCpuTicks() readings, in percent of all its cores. */
export function machineBusyPercentBetween(before, after) {
  const total = after.total - before.total;
  return total > 0 ? Math.round(((after.busy - before.busy) / total) * 100) : null;
}

function trackExit(child, name, output) {
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return {
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
    describeExit: () => `${name} exited early:\n${output()}`,
  };
}

async function waitForHttp(url, child, failure) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(failure());
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`no answer from ${url} within 30 s`);
}

/**
 * The built server as production runs it, on a free loopback port with a fresh data directory
 * under `dataRoot` (the OS temporary directory, on disk, unless told otherwise).
 */
export async function startParleyServer({ env = {}, dataRoot = os.tmpdir() } = {}) {
  if (!fs.existsSync(SERVER_MAIN)) throw new Error(`${SERVER_MAIN} is missing: run pnpm build first`);
  const dataDir = fs.mkdtempSync(path.join(dataRoot, 'parley-bench-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let log = '';
  // Parley as `pnpm start` runs it (server/package.json): a young generation large enough that a
  // message's short-lived objects die there, not in frequent scavenges (about 8% less CPU at 3,000 msg/s).
  // Profiling a run: BENCH_SERVER_NODE_FLAGS='--cpu-prof --cpu-prof-dir=/tmp/prof'.
  // Its whole stdout in a file (say with '--trace-gc-nvp' among those flags): BENCH_SERVER_LOG=/tmp/server.log.
  const nodeFlags = ['--max-semi-space-size=32', ...(process.env.BENCH_SERVER_NODE_FLAGS?.split(' ').filter(Boolean) ?? [])];
  const child = spawn('/bin/sh', ['-c', RAISE_FD_LIMIT, process.execPath, ...nodeFlags, SERVER_MAIN], {
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: url,
      DATA_DIR: dataDir,
      ADMIN_EMAIL: BENCH_ADMIN.email,
      ADMIN_PASSWORD: BENCH_ADMIN.password,
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (process.env.BENCH_SERVER_LOG) child.stdout.pipe(fs.createWriteStream(process.env.BENCH_SERVER_LOG));
  child.stdout.on('data', (chunk) => (log = (log + chunk).slice(-20_000)));
  child.stderr.on('data', (chunk) => (log = (log + chunk).slice(-20_000)));
  const lifecycle = trackExit(child, 'Parley', () => log);
  await waitForHttp(`${url}/healthz`, child, lifecycle.describeExit);
  return {
    url,
    pid: child.pid,
    dataDir,
    output: () => log,
    async stop() {
      await lifecycle.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A Node script of bench/ as its own process; `request()` talks to it over IPC (see worker.mjs).
 * `niceness` above 0 lowers its scheduling priority, all its threads (`nice`, coreutils).
 */
export function startWorker(script, { args = [], env = {}, niceness = 0 } = {}) {
  const launch = niceness > 0 ? ['nice', '-n', String(niceness), process.execPath] : [process.execPath];
  const child = fork(script, args, {
    execPath: '/bin/sh',
    execArgv: ['-c', RAISE_FD_LIMIT, ...launch],
    env: { ...process.env, ...env },
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const lifecycle = trackExit(child, path.basename(script), () => '');
  const pending = new Map();
  let nextId = 1;
  child.on('message', ({ id, result, error }) => {
    const waiter = pending.get(id);
    if (!waiter) return;
    pending.delete(id);
    if (error) waiter.reject(new Error(`${path.basename(script)}: ${error}`));
    else waiter.resolve(result);
  });
  child.once('exit', (code, signal) => {
    for (const waiter of pending.values())
      waiter.reject(new Error(`${path.basename(script)} exited (${code ?? signal})`));
    pending.clear();
  });
  return {
    pid: child.pid,
    request(type, payload = {}) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        child.send({ id, type, payload });
      });
    },
    stop: () => lifecycle.stop(),
  };
}
