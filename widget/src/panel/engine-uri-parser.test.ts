// The panel's URI parser stands in for engine.io-client's own: socket.io-client's io() and
// engine.io-client's socket must make the same of what either returns.
import { parse as reference } from 'engine.io-client';
import { parse, type UriParts } from './engine-uri-parser';

const DEFAULT_PORTS: Record<string, string> = { http: '80', ws: '80', https: '443', wss: '443' };

/** The parts as the two clients use them: no port means the scheme's, no path means `/`. */
const asTheClientsReadThem = (parts: UriParts) => ({
  source: parts.source,
  protocol: parts.protocol,
  host: parts.host,
  port: parts.port || DEFAULT_PORTS[parts.protocol],
  path: parts.path || '/',
  query: parts.query,
  queryKey: parts.queryKey,
});

describe('engine URI parser', () => {
  it.each([
    // What io('/visitor') asks for on the panel's own origin, in development and behind a proxy.
    'http://127.0.0.1:3000/visitor',
    'https://chat.example.com/visitor',
    'https://chat.example.com:443/visitor',
    'http://localhost:80/visitor',
    'https://chat.example.com:8443/visitor/',
    'wss://chat.example.com',
    'http://[::1]:3000/visitor',
    'https://[2001:db8::7]/visitor',
    'https://user:secret@chat.example.com:8080/a/b.js',
    'https://chat.example.com/visitor?site=site_key_123&debug&x=a=b&empty=',
  ])('reads %s as engine.io-client does', (uri) => {
    const ours = parse(uri);
    expect(asTheClientsReadThem(ours)).toEqual(asTheClientsReadThem(reference(uri) as UriParts));
  });

  it('gives IPv6 hosts without their brackets, which the clients add back', () => {
    expect(parse('http://[::1]:3000/visitor')).toMatchObject({ host: '::1', port: '3000' });
  });
});
