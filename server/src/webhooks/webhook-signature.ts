/**
 * The webhook signature: `Parley-Signature: t=<unix seconds>,v1=<hex>`, where the hex is
 * HMAC-SHA256 keyed with the endpoint's secret over `<t>.<raw body>` (see docs/webhooks.md).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Receivers should refuse signatures older (or newer) than this: a replayed request. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

function hmacHex(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
}

export function signWebhook(input: { secret: string; timestamp: number; body: string }): string {
  return `t=${input.timestamp},v1=${hmacHex(input.secret, input.timestamp, input.body)}`;
}

/** Whether a header signs this body with this secret, within the tolerance of `nowSeconds`. */
export function verifyWebhookSignature(input: { header: string; body: string; secret: string; nowSeconds: number }): boolean {
  const parts = new Map(
    input.header.split(',').map((part) => {
      const at = part.indexOf('=');
      return [part.slice(0, at).trim(), part.slice(at + 1).trim()] as const;
    }),
  );
  const timestamp = Number(parts.get('t'));
  const given = parts.get('v1') ?? '';
  if (!Number.isInteger(timestamp) || !/^[0-9a-f]{64}$/.test(given)) return false;
  if (Math.abs(input.nowSeconds - timestamp) > SIGNATURE_TOLERANCE_SECONDS) return false;
  const expected = Buffer.from(hmacHex(input.secret, timestamp, input.body), 'hex');
  return timingSafeEqual(expected, Buffer.from(given, 'hex'));
}
