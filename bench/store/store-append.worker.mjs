// A store benchmark process: the server's SqliteStore on a file, driven directly through the Store
// interface as the conversation service drives it (one awaited call at a time).
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import path from 'node:path';
import { serveRequests } from '../lib/worker.mjs';
import { summarize } from '../lib/stats.mjs';

const require = createRequire(import.meta.url);
let store = null;
let conversations = [];

serveRequests({
  async open({ bundle, dataDir, label, conversationCount }) {
    const { openSqliteStore } = require(bundle);
    store = openSqliteStore({ filename: path.join(dataDir, 'parley.sqlite') });
    const site = await store.createSite({ key: `bench-${label}`, name: `Bench ${label}` });
    conversations = [];
    for (let i = 0; i < conversationCount; i += 1) {
      const visitor = await store.createVisitor({
        siteId: site.id,
        tokenHash: `bench-${label}-${String(i).padStart(8, '0')}`,
        locale: 'en',
      });
      const opened = await store.openConversation({
        siteId: site.id,
        visitorId: visitor.id,
        visitorName: null,
        locale: 'en',
      });
      conversations.push({ id: opened.conversation.id, visitorId: visitor.id });
    }
    return { conversations: conversations.length };
  },
  /** appendMessage round-robin over the conversations, one at a time, bounded by count and time. */
  async append({ label, maxMessages, maxSeconds }) {
    const latencies = [];
    const start = performance.now();
    let n = 0;
    for (; n < maxMessages && performance.now() - start < maxSeconds * 1000; n += 1) {
      const conversation = conversations[n % conversations.length];
      const before = performance.now();
      await store.appendMessage({
        conversationId: conversation.id,
        clientId: `${label}-${String(n).padStart(8, '0')}`,
        author: { kind: 'visitor', id: conversation.visitorId, name: null },
        text: `store benchmark message ${n}`,
      });
      latencies.push(performance.now() - before);
    }
    const seconds = (performance.now() - start) / 1000;
    return { messages: n, seconds, perSec: Math.round(n / seconds), ...summarize(latencies) };
  },
  /**
   * appendMessage with every conversation in flight at once, each sending its next message when the
   * last is stored (as many visitors chatting do): the SQLite store commits those of one turn together.
   */
  async appendInFlight({ label, maxMessages, maxSeconds }) {
    const latencies = [];
    const start = performance.now();
    let n = 0;
    const chat = async (conversation) => {
      while (n < maxMessages && performance.now() - start < maxSeconds * 1000) {
        const before = performance.now();
        n += 1;
        await store.appendMessage({
          conversationId: conversation.id,
          clientId: `${label}-f-${String(n).padStart(8, '0')}`,
          author: { kind: 'visitor', id: conversation.visitorId, name: null },
          text: `store benchmark message ${n}`,
        });
        latencies.push(performance.now() - before);
      }
    };
    await Promise.all(conversations.map(chat));
    const seconds = (performance.now() - start) / 1000;
    return { inFlight: conversations.length, messages: latencies.length, seconds, perSec: Math.round(latencies.length / seconds), ...summarize(latencies) };
  },
  /** A conversation's history (up to 500 messages), round-robin, bounded by count and time. */
  async readHistory({ maxReads, maxSeconds }) {
    const start = performance.now();
    let n = 0;
    let messages = 0;
    for (; n < maxReads && performance.now() - start < maxSeconds * 1000; n += 1) {
      messages += (await store.listMessages({ conversationId: conversations[n % conversations.length].id }))
        .length;
    }
    const seconds = (performance.now() - start) / 1000;
    return {
      reads: n,
      perSec: Math.round(n / seconds),
      messagesPerRead: Math.round(messages / Math.max(1, n)),
    };
  },
  async close() {
    await store?.close();
    return {};
  },
});
