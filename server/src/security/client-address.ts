/**
 * The client's address as Parley trusts it: the socket peer, or, when that peer is a proxy on
 * loopback, the nearest address in X-Forwarded-For that is not loopback (Express's
 * `trust proxy: 'loopback'`, applied to sockets and REST alike). Null when every hop is local:
 * per-address limits then do not apply, since every visitor would share one bucket.
 */
import net from 'node:net';

function isLoopback(address: string): boolean {
  const plain = address.startsWith('::ffff:') ? address.slice(7) : address;
  return plain === '::1' || (net.isIPv4(plain) && plain.startsWith('127.'));
}

const normalise = (address: string) => (address.startsWith('::ffff:') && net.isIPv4(address.slice(7)) ? address.slice(7) : address);

export function clientAddress(peer: string | undefined, forwardedFor: string | string[] | undefined): string | null {
  const forwarded = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? ''))
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  // Nearest hop first: the peer, then the proxies' view from the right. Stop at the first hop we do not trust.
  const hops = [peer ?? '', ...forwarded.reverse()];
  for (const hop of hops) {
    if (!net.isIP(hop)) return null;
    if (!isLoopback(hop)) return normalise(hop);
  }
  return null;
}
