/** One webhook POST over node:http(s), connecting only to the addresses the target guard checked. */
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { ResolvedAddress } from './target-guard';

export interface WebhookRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
  /** The checked addresses of the URL's host; the connection uses these and resolves nothing itself. */
  addresses: ResolvedAddress[];
  timeoutMs: number;
}

/** Sends and answers with the HTTP status; throws when no answer came (refused, timed out, reset). */
export type SendWebhook = (request: WebhookRequest) => Promise<{ status: number }>;

/** A lookup that answers from the checked list, so a DNS change between check and connect cannot redirect us. */
function pinnedLookup(addresses: ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const first = addresses[0];
    if (!first) {
      callback(Object.assign(new Error('no checked address'), { code: 'ENOTFOUND' }), '', 4);
      return;
    }
    if (options.all) callback(null, addresses.map(({ address, family }) => ({ address, family })));
    else callback(null, first.address, first.family);
  };
}

export const sendWebhook: SendWebhook = (request) =>
  new Promise((resolve, reject) => {
    const url = new URL(request.url);
    const client = url.protocol === 'https:' ? https : http;
    const req = client.request(
      url,
      {
        method: 'POST',
        headers: { ...request.headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(request.body)) },
        lookup: pinnedLookup(request.addresses),
        // Redirects are never followed: a 3xx counts as a failed attempt.
        timeout: request.timeoutMs,
      },
      (res) => {
        // The answer's body is not needed; drain it so the socket is freed.
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${request.timeoutMs} ms`)));
    req.on('error', reject);
    req.end(request.body);
  });
