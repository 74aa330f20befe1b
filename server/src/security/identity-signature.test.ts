/** The HMAC check itself: right key and message, fresh, nothing else. */
import { createHmac } from 'node:crypto';
import { IDENTITY_MAX_AGE_SECONDS, checkIdentitySignature, signIdentity } from './identity-signature';

const secret = 'site-secret-for-tests';
const now = new Date('2030-01-01T12:00:00Z');
const nowSeconds = now.getTime() / 1000;
const check = (overrides: Partial<Parameters<typeof checkIdentitySignature>[0]> = {}) =>
  checkIdentitySignature({ secret, userId: 'user-42', timestamp: nowSeconds, signature: signIdentity(secret, 'user-42', nowSeconds), now, ...overrides });

test('the signature is HMAC-SHA256(secret, "userId:timestamp") in lowercase hex, as a site backend computes it', () => {
  const expected = createHmac('sha256', secret).update(`user-42:${nowSeconds}`).digest('hex');
  expect(signIdentity(secret, 'user-42', nowSeconds)).toBe(expected);
  expect(check()).toBe('valid');
});

test('another user id, another time, another key or a truncated signature does not match', () => {
  expect(check({ userId: 'user-43' })).toBe('bad-signature');
  expect(check({ timestamp: nowSeconds - 1 })).toBe('bad-signature');
  expect(check({ signature: signIdentity('other-secret', 'user-42', nowSeconds) })).toBe('bad-signature');
  expect(check({ signature: signIdentity(secret, 'user-42', nowSeconds).slice(0, 62) })).toBe('bad-signature');
});

test('a correct signature is refused once stale, or when dated too far ahead', () => {
  const stale = nowSeconds - IDENTITY_MAX_AGE_SECONDS - 1;
  expect(check({ timestamp: stale, signature: signIdentity(secret, 'user-42', stale) })).toBe('expired');
  const ahead = nowSeconds + 10 * 60;
  expect(check({ timestamp: ahead, signature: signIdentity(secret, 'user-42', ahead) })).toBe('from-the-future');
  const slightlyAhead = nowSeconds + 30;
  expect(check({ timestamp: slightlyAhead, signature: signIdentity(secret, 'user-42', slightlyAhead) })).toBe('valid');
});
