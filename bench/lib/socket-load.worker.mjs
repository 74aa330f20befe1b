// A socket load process for the relay, store and capacity benchmarks. As `visitors` it holds a slice
// of the conversations and sends into them at a fixed rate, each message carrying its send time (or
// just holds them open); as `agents` it holds agent consoles: each console receives the messages of
// the chats assigned to it, and the receivers among them record send-to-receive latency and which
// messages arrived (once per process, whichever console got it first).
// Parley and the baseline relay speak the same event names; only the handshake differs.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { clearTimeout, setTimeout } from 'node:timers';
import { io } from './deps.mjs';
import { sleep, wallNow } from './clock.mjs';
import { inBatches, serveRequests } from './worker.mjs';

const CONNECT_CONCURRENCY = 50;

/** A client id shaped as the widget makes them (widget/src/panel/client-id.ts): the time, then 128 random bits. */
const widgetClientId = () => Date.now().toString(36).padStart(9, '0') + randomBytes(16).toString('hex');
const TICK_MS = 5;

const sockets = [];
/** Why sockets of this process were disconnected by the other side, e.g. { 'ping timeout': 1 }. */
const disconnects = {};

function connect(url, namespace, { auth, address }) {
  const socket = io(`${url}${namespace}`, {
    auth,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...(address && { extraHeaders: { 'x-forwarded-for': address } }),
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no session:ready from ${namespace} within 20 s`)),
      20_000,
    );
    socket.once('session:ready', () => {
      clearTimeout(timer);
      socket.on('disconnect', (reason) => {
        if (reason !== 'io client disconnect') disconnects[reason] = (disconnects[reason] ?? 0) + 1;
      });
      sockets.push(socket);
      resolve(socket);
    });
    socket.once('connect_error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

// ---- agents: the receiving side ----
const received = new Set();
/** message:new events over every agent socket of this process, by the phase of the message. */
const agentDeliveriesByPhase = {};
/** When each conversation:activity digest arrived at one of this process's agent sockets (wall clock). */
let activityDigestTimes = [];

/** The phase a benchmark message was sent in ('o' open, 'w' warm-up, 'm' measured), from its text. */
const phaseOf = (message) => (message.text?.startsWith('bench ') ? message.text.split(' ')[1] : 'other');
const receivedByPhase = {};
let latencies = [];
/** When each of `latencies` was sent (wall clock), in the same order. */
let sentTimes = [];
let lastMeasuredAt = 0;

function onMessage(message) {
  if (message.author?.kind !== 'visitor' || !message.text?.startsWith('bench ')) return;
  if (received.has(message.clientId)) return;
  received.add(message.clientId);
  const [, phase, sentAt] = message.text.split(' ');
  receivedByPhase[phase] = (receivedByPhase[phase] ?? 0) + 1;
  if (phase !== 'm') return;
  lastMeasuredAt = wallNow();
  latencies.push(lastMeasuredAt - Number(sentAt));
  sentTimes.push(Number(sentAt));
}

// ---- visitors: the sending side ----
const visitorSockets = [];
const counts = { sent: 0, acked: 0, errors: {}, sentByPhase: {}, queuePositions: 0 };
let ackLatencies = [];

/** Conversations whose last message is not acknowledged yet: a chat client sends in order. */
const busy = new Set();

function send(socket, clientId, phase) {
  busy.add(socket);
  const sentAt = wallNow();
  counts.sent += 1;
  counts.sentByPhase[phase] = (counts.sentByPhase[phase] ?? 0) + 1;
  socket.emit('message:send', { clientId, text: `bench ${phase} ${sentAt.toFixed(3)}` }, (result) => {
    busy.delete(socket);
    if (result?.ok) {
      counts.acked += 1;
      if (phase === 'm') ackLatencies.push(wallNow() - sentAt);
    } else {
      const code = result?.error?.code ?? 'NO_ACK';
      counts.errors[code] = (counts.errors[code] ?? 0) + 1;
    }
  });
}

/**
 * Sends what is due every tick, round-robin over the conversations, whatever the server's pace,
 * except that a conversation whose previous message is unacknowledged waits its turn (a chat
 * client sends in order). Stops at the count or the deadline; `sent` may fall short of `count`
 * when the server cannot keep up, and that shortfall is the honest answer.
 */
async function sendAtRate({ phase, rate, count, maxSeconds }) {
  const start = performance.now();
  const startedAt = wallNow();
  let sent = 0;
  let cursor = 0;
  while (sent < count && performance.now() - start < maxSeconds * 1000) {
    const due = Math.min(count, Math.floor(((performance.now() - start) / 1000) * rate));
    let skipped = 0;
    while (sent < due && skipped < visitorSockets.length) {
      const socket = visitorSockets[cursor];
      cursor = (cursor + 1) % visitorSockets.length;
      if (busy.has(socket)) {
        skipped += 1;
        continue;
      }
      skipped = 0;
      send(socket, widgetClientId(), phase);
      sent += 1;
    }
    await sleep(TICK_MS);
  }
  return { sent, startedAt, seconds: (performance.now() - start) / 1000 };
}

serveRequests({
  /** `agents`: one { auth, address } per console; `receiver`: the index that records, -1 for none, 'all' for every one. */
  async connectAgents({ url, agents, receiver }) {
    await inBatches(agents, CONNECT_CONCURRENCY, async (agent, index) => {
      const socket = await connect(url, '/agent', agent);
      socket.on('message:new', (message) => {
        const phase = phaseOf(message);
        agentDeliveriesByPhase[phase] = (agentDeliveriesByPhase[phase] ?? 0) + 1;
        if (receiver === 'all' || index === receiver) onMessage(message);
      });
      socket.on('conversation:activity', () => activityDigestTimes.push(wallNow()));
    });
    return { connected: agents.length };
  },
  /** `visitors`: one { auth, address } per conversation. */
  async connectVisitors({ url, visitors }) {
    await inBatches(visitors, CONNECT_CONCURRENCY, async (visitor) => {
      const socket = await connect(url, '/visitor', visitor);
      socket.on('queue:position', () => (counts.queuePositions += 1));
      visitorSockets.push(socket);
    });
    return { connected: visitorSockets.length };
  },
  /** One message per conversation, unmeasured: Parley opens a conversation on its first message. */
  async openConversations({ rate }) {
    const before = counts.acked;
    const started = performance.now();
    const result = await sendAtRate({ phase: 'o', rate, count: visitorSockets.length, maxSeconds: 120 });
    const deadline = Date.now() + 60_000;
    while (counts.acked - before < result.sent && Date.now() < deadline) await sleep(50);
    return { opened: counts.acked - before, seconds: (performance.now() - started) / 1000 };
  },
  async run({ phase, rate, count, maxSeconds }) {
    return sendAtRate({ phase, rate, count, maxSeconds });
  },
  /** Waits (bounded) for acknowledgements still in flight, then reports and resets the counters. */
  async sendReport({ drainMs }) {
    const deadline = Date.now() + drainMs;
    while (
      counts.acked + Object.values(counts.errors).reduce((a, b) => a + b, 0) < counts.sent &&
      Date.now() < deadline
    ) {
      await sleep(50);
    }
    const report = {
      ...counts,
      errors: { ...counts.errors },
      sentByPhase: { ...counts.sentByPhase },
      disconnects,
      ackLatencies,
    };
    ackLatencies = [];
    return report;
  },
  /** How many distinct benchmark messages this process has received so far. */
  async receivedCount() {
    return received.size;
  },
  /** Which distinct benchmark messages this process has received so far (their client ids). */
  async receivedIdList() {
    return [...received];
  },
  /** Waits (bounded) until `expected` distinct messages arrived, then hands over the latencies. */
  async receiveReport({ expected, drainMs }) {
    const deadline = Date.now() + drainMs;
    while (received.size < expected && Date.now() < deadline) await sleep(50);
    const report = {
      received: received.size,
      receivedIds: [...received],
      receivedByPhase: { ...receivedByPhase },
      agentDeliveriesByPhase: { ...agentDeliveriesByPhase },
      activityDigestTimes,
      lastMeasuredAt,
      disconnects,
      latencies,
      sentTimes,
    };
    latencies = [];
    sentTimes = [];
    activityDigestTimes = [];
    return report;
  },
  async close() {
    for (const socket of sockets) socket.disconnect();
    return { closed: sockets.length };
  },
});
