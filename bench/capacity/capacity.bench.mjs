// Idle visitor connections one Parley process holds, and the memory they take. Clients live in
// several processes of their own; each handshake creates a visitor, as a real first visit does.
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { sleep } from '../lib/clock.mjs';
import { metricValue, siteKeyOf } from '../lib/parley-api.mjs';
import { rssMBOf, startParleyServer, startWorker } from '../lib/processes.mjs';
import { writeResult } from '../lib/results.mjs';
import { visitorAddress } from '../lib/visitor-addresses.mjs';

const LOAD_WORKER = fileURLToPath(new URL('../lib/socket-load.worker.mjs', import.meta.url));
const CLIENT_WORKERS = 4;
const SETTLE_MS = 10_000;
const MB = 2 ** 20;

export async function runCapacityBenchmark({ connections = 10_000, budgetMB = 500 } = {}) {
  const server = await startParleyServer();
  const workers = Array.from({ length: CLIENT_WORKERS }, () => startWorker(LOAD_WORKER));
  try {
    const siteKey = await siteKeyOf(server.url);
    // Load every lazily required module (metrics included) before the baseline reading.
    await metricValue(server.url, 'parley_socket_connections{namespace="visitor"}');
    await sleep(1000);
    const rssBeforeMB = rssMBOf(server.pid);

    console.log(`capacity: opening ${connections} idle visitor connections...`);
    const started = performance.now();
    const results = await Promise.allSettled(
      workers.map((worker, w) => {
        const visitors = [];
        for (let i = w; i < connections; i += CLIENT_WORKERS)
          visitors.push({ auth: { siteKey }, address: visitorAddress(i) });
        return worker.request('connectVisitors', { url: server.url, visitors });
      }),
    );
    const connectSeconds = (performance.now() - started) / 1000;
    const connected = results.reduce((sum, r) => sum + (r.status === 'fulfilled' ? r.value.connected : 0), 0);
    const failures = results
      .filter((r) => r.status === 'rejected')
      .map((r) => String(r.reason).slice(0, 300));

    // Idle for a while: what the process holds at rest, not mid-handshake.
    let peakRssMB = rssMBOf(server.pid);
    for (let waited = 0; waited < SETTLE_MS; waited += 1000) {
      await sleep(1000);
      peakRssMB = Math.max(peakRssMB, rssMBOf(server.pid));
    }
    const rssMB = rssMBOf(server.pid);
    const serverReported = await metricValue(server.url, 'parley_socket_connections{namespace="visitor"}');
    const heapUsedMB = (await metricValue(server.url, 'nodejs_heap_size_used_bytes')) / MB;
    const result = {
      connections: serverReported ?? connected,
      requestedConnections: connections,
      rssMB,
      kbPerConnection:
        connected > 0 ? Math.round((((rssMB - rssBeforeMB) * 1024) / connected) * 10) / 10 : null,
      withinBudget: rssMB < budgetMB && connected === connections,
      budgetMB,
      rssBeforeMB,
      peakRssMB,
      heapUsedMB: Math.round(heapUsedMB * 10) / 10,
      connectSeconds: Math.round(connectSeconds * 10) / 10,
      handshakesPerSec: Math.round(connected / connectSeconds),
      clientProcesses: CLIENT_WORKERS,
      failures,
    };
    const file = writeResult('capacity', {
      description:
        'Idle visitor connections (Socket.IO over WebSocket, /visitor with the site key, each from its own address) ' +
        'held by one Parley process on the embedded SQLite store, and its resident memory (from /proc) after ' +
        `${SETTLE_MS / 1000} s at rest. kbPerConnection = (rssMB - rssBeforeMB) / connections. The connection count is ` +
        "the server's own, from GET /metrics. Clients run in separate processes on the same machine.",
      ...result,
    });
    return { file, ...result };
  } finally {
    await Promise.all(workers.map((w) => w.request('close').catch(() => undefined)));
    await Promise.all(workers.map((w) => w.stop()));
    await server.stop();
  }
}
