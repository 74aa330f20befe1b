/** SSRF refusal: every address a webhook host resolves to must be public, unless the endpoint allows private targets. */
import { addressRange, createTargetGuard, isPublicAddress, type LookupHost } from './target-guard';

const dnsSays = (answers: Record<string, string[]>): LookupHost => async (hostname) => {
  const found = answers[hostname];
  if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
  return found.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};

test.each([
  ['127.0.0.1', 'loopback'],
  ['10.1.2.3', 'private'],
  ['172.16.5.4', 'private'],
  ['192.168.0.10', 'private'],
  ['169.254.169.254', 'linkLocal'],
  ['100.64.0.1', 'carrierGradeNat'],
  ['0.0.0.0', 'unspecified'],
  ['::1', 'loopback'],
  ['::', 'unspecified'],
  ['fc00::1', 'uniqueLocal'],
  ['fd12:3456::1', 'uniqueLocal'],
  ['fe80::1', 'linkLocal'],
  ['::ffff:127.0.0.1', 'loopback'],
  ['::ffff:a9fe:a9fe', 'linkLocal'],
  ['64:ff9b::a00:1', 'rfc6052'],
  ['2002:7f00:1::', '6to4'],
  ['ff02::1', 'multicast'],
])('%s is %s, not public', (address, range) => {
  expect(addressRange(address)).toBe(range);
  expect(isPublicAddress(address)).toBe(false);
});

test.each(['93.184.215.14', '2606:4700:4700::1111', '::ffff:93.184.215.14'])('%s is public', (address) => {
  expect(isPublicAddress(address)).toBe(true);
});

describe('checking a URL', () => {
  const guard = createTargetGuard({
    lookupHost: dnsSays({
      'hooks.example.com': ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'],
      'sneaky.example.com': ['93.184.215.14', '10.0.0.7'],
      'v6-inside.example.com': ['2606:4700::1', 'fd00::5'],
      'mapped.example.com': ['::ffff:169.254.169.254'],
    }),
  });
  const strict = { allowPrivateTargets: false };

  test.each([
    'http://127.0.0.1:8080/hook',
    'http://10.0.0.1/hook',
    'http://169.254.169.254/latest/meta-data',
    'http://[::1]/hook',
    'http://[fc00::1]/hook',
    'http://[::ffff:127.0.0.1]/hook',
    'http://0x7f.1/hook',
    'http://2130706433/hook',
    'https://sneaky.example.com/hook',
    'https://v6-inside.example.com/hook',
    'https://mapped.example.com/hook',
  ])('refuses %s', async (url) => {
    const verdict = await guard.check(url, strict);
    // privateAddress: the refusal the endpoint's allowance would lift, which the console says as such.
    expect(verdict).toEqual({ allowed: false, privateAddress: true, reason: expect.stringContaining('not a public address') });
  });

  test('allows a host whose every address is public, and hands over exactly those addresses', async () => {
    expect(await guard.check('https://hooks.example.com/parley', strict)).toEqual({
      allowed: true, hostname: 'hooks.example.com',
      addresses: [{ address: '93.184.215.14', family: 4 }, { address: '2606:2800:21f:cb07:6820:80da:af6b:8b2c', family: 6 }],
    });
  });

  test('allows private targets only when the endpoint says so', async () => {
    expect(await guard.check('http://127.0.0.1:8080/hook', { allowPrivateTargets: true })).toMatchObject({
      allowed: true, addresses: [{ address: '127.0.0.1', family: 4 }],
    });
    expect(await guard.check('http://[::1]:8080/hook', { allowPrivateTargets: true })).toMatchObject({ allowed: true, addresses: [{ address: '::1', family: 6 }] });
  });

  test('refuses hosts that do not resolve and URLs that are not http(s)', async () => {
    expect(await guard.check('https://nowhere.example.com/', strict)).toEqual({ allowed: false, reason: 'nowhere.example.com does not resolve' });
    expect(await guard.check('ftp://hooks.example.com/', strict)).toEqual({ allowed: false, reason: 'not an http(s) URL' });
  });
});
