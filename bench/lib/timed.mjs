// Timing of in-process work (a store call, a report): wall time, and the CPU time this process
// spent, which other load on the machine does not inflate (SQLite runs in this thread).
import { performance } from 'node:perf_hooks';
import { clearInterval, setInterval, setTimeout } from 'node:timers';

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const round = (ms) => Math.round(ms * 10) / 10;

export async function timed(run) {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await run();
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000, result };
}

/** Medians of `runs` timings of `run`, in ms to a tenth. */
export async function sampled(run, runs) {
  const timings = [];
  for (let i = 0; i < runs; i += 1) timings.push(await timed(run));
  return { ms: round(median(timings.map((t) => t.ms))), cpuMs: round(median(timings.map((t) => t.cpuMs))) };
}

export { round as roundMs };

/**
 * The longest the event loop went without running a 1 ms timer while `run` was under way: how long
 * the work held up everything else a server does (its chats) at once.
 */
export async function longestStopDuring(run) {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  await new Promise((resolve) => setTimeout(resolve, 5));
  try {
    await run();
    // The timer's first turn after the work ends is the one that sees a stop at its very end.
    await new Promise((resolve) => setTimeout(resolve, 5));
  } finally {
    clearInterval(timer);
  }
  return round(longest);
}
