/** The origin rules on their own: who counts as allowed, and what a missing Origin means. */
import { frameAncestorsFor, namedOriginRefused, originAllowed, requestOrigin } from './allowed-origins';

const ownOrigin = 'https://chat.parley.example';
const allowedOrigins = ['https://shop.example'];

test('an empty list allows any origin, or none', () => {
  expect(originAllowed({ allowedOrigins: [], ownOrigin, headers: { origin: 'https://evil.example' } })).toBe(true);
  expect(originAllowed({ allowedOrigins: [], ownOrigin, headers: {} })).toBe(true);
});

test('with a list: its origins and our own are allowed; others, no origin and the opaque "null" origin are not', () => {
  expect(originAllowed({ allowedOrigins, ownOrigin, headers: { origin: 'https://shop.example' } })).toBe(true);
  expect(originAllowed({ allowedOrigins, ownOrigin, headers: { origin: ownOrigin } })).toBe(true);
  expect(originAllowed({ allowedOrigins, ownOrigin, headers: { origin: 'https://shop.example.evil.example' } })).toBe(false);
  expect(originAllowed({ allowedOrigins, ownOrigin, headers: { origin: 'http://shop.example' } })).toBe(false);
  expect(originAllowed({ allowedOrigins, ownOrigin, headers: { origin: 'null' } })).toBe(false);
  expect(originAllowed({ allowedOrigins, ownOrigin, headers: {} })).toBe(false);
});

test('a same-origin request without Origin (long-polling’s first GET) counts as our own origin', () => {
  expect(requestOrigin({ 'sec-fetch-site': 'same-origin' }, ownOrigin)).toBe(ownOrigin);
  expect(originAllowed({ allowedOrigins, ownOrigin, headers: { 'sec-fetch-site': 'same-origin' } })).toBe(true);
  expect(originAllowed({ allowedOrigins, ownOrigin, headers: { 'sec-fetch-site': 'cross-site' } })).toBe(false);
});

test('public reads refuse only a named foreign origin', () => {
  expect(namedOriginRefused({ allowedOrigins, ownOrigin, headers: {} })).toBe(false);
  expect(namedOriginRefused({ allowedOrigins, ownOrigin, headers: { origin: 'https://evil.example' } })).toBe(true);
  expect(namedOriginRefused({ allowedOrigins, ownOrigin, headers: { origin: 'https://shop.example' } })).toBe(false);
});

test('frame-ancestors: the site’s origins and our own, or anyone while the list is empty', () => {
  expect(frameAncestorsFor(allowedOrigins)).toEqual(["'self'", 'https://shop.example']);
  expect(frameAncestorsFor([])).toEqual(['*']);
  expect(frameAncestorsFor(null)).toEqual(['*']);
  expect(frameAncestorsFor(['https://a.example;script-src *', 'https://b.example'])).toEqual(["'self'", 'https://b.example']);
});
