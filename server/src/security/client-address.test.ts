/** Which address a rate limit counts against: never one a remote client can choose. */
import { clientAddress } from './client-address';

test('a direct remote peer is the client; its own X-Forwarded-For is ignored', () => {
  expect(clientAddress('203.0.113.7', '198.51.100.1')).toBe('203.0.113.7');
  expect(clientAddress('::ffff:203.0.113.7', undefined)).toBe('203.0.113.7');
});

test('behind a proxy on loopback, the nearest forwarded hop is the client', () => {
  expect(clientAddress('127.0.0.1', '198.51.100.1')).toBe('198.51.100.1');
  // A client that prepends its own X-Forwarded-For does not get to pick: the proxy appended the real one last.
  expect(clientAddress('::1', '10.9.9.9, 198.51.100.1')).toBe('198.51.100.1');
  expect(clientAddress('::ffff:127.0.0.1', ['198.51.100.2', '127.0.0.1'])).toBe('198.51.100.2');
});

test('an entirely local chain, or a hop that is not an address, has no client address', () => {
  expect(clientAddress('127.0.0.1', undefined)).toBeNull();
  expect(clientAddress('127.0.0.1', '127.0.0.2')).toBeNull();
  expect(clientAddress('127.0.0.1', 'not-an-ip')).toBeNull();
  expect(clientAddress(undefined, undefined)).toBeNull();
});
