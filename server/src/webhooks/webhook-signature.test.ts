/** The signature receivers check: HMAC-SHA256 over "<t>.<raw body>", within five minutes. */
import { createHmac } from 'node:crypto';
import { signWebhook, verifyWebhookSignature } from './webhook-signature';

const secret = 'whsec_test_secret';
const body = '{"id":"evt_1","type":"message.created","createdAt":"2030-01-01T10:00:00.000Z","data":{}}';

test('is t=<unix>,v1=<hex HMAC of "<t>.<body>"> as documented', () => {
  const header = signWebhook({ secret, timestamp: 1893492000, body });
  const expected = createHmac('sha256', secret).update(`1893492000.${body}`).digest('hex');
  expect(header).toBe(`t=1893492000,v1=${expected}`);
});

test('verifies the same body and secret within the tolerance, and nothing else', () => {
  const header = signWebhook({ secret, timestamp: 1893492000, body });
  expect(verifyWebhookSignature({ header, body, secret, nowSeconds: 1893492100 })).toBe(true);
  expect(verifyWebhookSignature({ header, body: body.replace('message', 'ticket'), secret, nowSeconds: 1893492000 })).toBe(false);
  expect(verifyWebhookSignature({ header, body, secret: 'whsec_other', nowSeconds: 1893492000 })).toBe(false);
  expect(verifyWebhookSignature({ header, body, secret, nowSeconds: 1893492000 + 301 })).toBe(false);
  expect(verifyWebhookSignature({ header: header.replace('t=1893492000', 't=1893492001'), body, secret, nowSeconds: 1893492000 })).toBe(false);
  expect(verifyWebhookSignature({ header: 'garbage', body, secret, nowSeconds: 1893492000 })).toBe(false);
});
