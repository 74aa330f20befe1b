/**
 * A site's webhook endpoint on 127.0.0.1 for whole-system tests: keeps the raw body of every POST,
 * and answers it, or holds it unanswered (a slow receiver), or is not listening at all.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedHook {
  headers: http.IncomingHttpHeaders;
  rawBody: string;
}

export interface HookReceiver {
  readonly url: string;
  readonly received: ReceivedHook[];
  /** 'answer' replies 204; 'hold' keeps the request open without a reply. */
  behave(mode: 'answer' | 'hold'): void;
  /** Resolves with the n-th POST (1-based) once it has fully arrived. */
  nth(n: number): Promise<ReceivedHook>;
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
}

export async function startHookReceiver(): Promise<HookReceiver> {
  const received: ReceivedHook[] = [];
  const waiters: { n: number; resolve: (hook: ReceivedHook) => void }[] = [];
  let mode: 'answer' | 'hold' = 'answer';
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const hook = { headers: req.headers, rawBody: Buffer.concat(chunks).toString('utf8') };
      received.push(hook);
      for (const waiter of waiters.filter((w) => w.n === received.length)) waiter.resolve(hook);
      if (mode === 'answer') res.writeHead(204).end();
    });
  });
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
    });
  const port = await listen(0);
  return {
    url: `http://127.0.0.1:${port}/hooks/parley`,
    received,
    behave(next) {
      mode = next;
    },
    nth(n) {
      const already = received[n - 1];
      return already ? Promise.resolve(already) : new Promise((resolve) => waiters.push({ n, resolve }));
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
    async start() {
      await listen(port);
    },
  };
}
