/** TOTP against RFC 6238's own test vectors, and the step a code belongs to. */
import { totpCode, totpStepOf, totpUri } from './totp';

// RFC 6238 appendix B: the ASCII secret "12345678901234567890", SHA-1; the last six of its eight digits.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

test.each([
  [59, '287082'],
  [1111111109, '081804'],
  [1234567890, '005924'],
  [2000000000, '279037'],
])('at %i s the code is %s (RFC 6238 vectors)', (seconds, code) => {
  expect(totpCode(RFC_SECRET, new Date(seconds * 1000))).toBe(code);
});

test('a code matches its own step and one step either side, and no further', () => {
  const now = new Date(1111111109 * 1000);
  const step = Math.floor(1111111109 / 30);
  expect(totpStepOf({ secret: RFC_SECRET, code: '081804', now })).toBe(step);
  expect(totpStepOf({ secret: RFC_SECRET, code: '081804', now: new Date(now.getTime() + 30_000) })).toBe(step);
  expect(totpStepOf({ secret: RFC_SECRET, code: '081804', now: new Date(now.getTime() - 30_000) })).toBe(step);
  expect(totpStepOf({ secret: RFC_SECRET, code: '081804', now: new Date(now.getTime() + 61_000) })).toBeNull();
  expect(totpStepOf({ secret: RFC_SECRET, code: '000000', now })).toBeNull();
  expect(totpStepOf({ secret: RFC_SECRET, code: '08180', now })).toBeNull();
});

test('the QR text names the issuer and the account, and carries the secret', () => {
  const uri = totpUri({ secret: RFC_SECRET, account: 'ann@example.test', issuer: 'Parley' });
  expect(uri).toMatch(/^otpauth:\/\/totp\/Parley:ann%40example\.test\?/);
  expect(uri).toContain(`secret=${RFC_SECRET}`);
  expect(uri).toContain('issuer=Parley');
});
