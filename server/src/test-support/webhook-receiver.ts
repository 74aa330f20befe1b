/**
 * A real HTTP server on 127.0.0.1 that receives webhooks as an integration would: raw body, headers,
 * an answer of our choosing, or none at all (a slow receiver). e2e uses it too, through
 * `@parley/server/test-support/webhook-receiver`.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  headers: http.IncomingHttpHeaders;
  /** Exactly the bytes that came, as the signature covers them. */
  rawBody: string;
  /** The status it was answered with; null while held. */
  answeredWith: number | null;
}

/** An HTTP status to answer with, or 'hold': keep the request open without a reply. */
export type WebhookAnswer = number | 'hold';

export interface WebhookReceiver {
  readonly url: string;
  readonly received: ReceivedWebhook[];
  /** How the next requests are answered. */
  answerWith(answer: WebhookAnswer): void;
  /** Resolves with the n-th request (1-based) once it has fully arrived. */
  nth(n: number): Promise<ReceivedWebhook>;
  /** Stops listening and drops open connections: deliveries are refused until start(). */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
}

/** `answer`: how requests are answered until answerWith says otherwise (200 by default). */
export async function startWebhookReceiver(options: { answer?: WebhookAnswer } = {}): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const waiters: { n: number; resolve: (webhook: ReceivedWebhook) => void }[] = [];
  let answer: WebhookAnswer = options.answer ?? 200;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const status = answer === 'hold' ? null : answer;
      const webhook = { headers: req.headers, rawBody: Buffer.concat(chunks).toString('utf8'), answeredWith: status };
      received.push(webhook);
      for (const waiter of waiters.filter((w) => w.n === received.length)) waiter.resolve(webhook);
      if (status !== null) res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'not now');
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
    answerWith(next) {
      answer = next;
    },
    nth(n) {
      const already = received[n - 1];
      return already ? Promise.resolve(already) : new Promise((resolve) => waiters.push({ n, resolve }));
    },
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
    async start() {
      await listen(port);
    },
  };
}
