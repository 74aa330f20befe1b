/**
 * Where a webhook URL really points. Every address its host resolves to (IPv4 and IPv6) must be
 * public unicast: loopback, private, link-local, unique-local, CGNAT, multicast, reserved and
 * IPv4 addresses hidden in IPv6 (mapped, 6to4, NAT64...) are refused unless the endpoint allows
 * private targets. The delivery connects to exactly the addresses checked (no second lookup).
 */
import dns from 'node:dns';
import ipaddr from 'ipaddr.js';
import type { WebhookTargetGuard } from '../domain/webhook.service';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export type LookupHost = (hostname: string) => Promise<ResolvedAddress[]>;

export type TargetVerdict =
  | { allowed: true; hostname: string; addresses: ResolvedAddress[] }
  | { allowed: false; reason: string; privateAddress?: true };

export interface ResolvingTargetGuard extends WebhookTargetGuard {
  check(url: string, options: { allowPrivateTargets: boolean }): Promise<TargetVerdict>;
}

const systemLookup: LookupHost = async (hostname) => {
  const found = await dns.promises.lookup(hostname, { all: true, verbatim: true });
  return found.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
};

/** ipaddr.js's name for the range of an address; IPv4-mapped IPv6 is judged as the IPv4 it carries. */
export function addressRange(address: string): string {
  if (!ipaddr.isValid(address)) return 'invalid';
  // process() turns ::ffff:a.b.c.d back into a.b.c.d; the other IPv6 forms carrying IPv4 keep ranges of their own.
  return ipaddr.process(address).range();
}

/** Only global unicast is public; every other range (IPv4 or IPv6) is somebody's inside. */
export const isPublicAddress = (address: string): boolean => addressRange(address) === 'unicast';

function hostOf(url: string): string | null {
  try {
    const { hostname, protocol } = new URL(url);
    if (protocol !== 'http:' && protocol !== 'https:') return null;
    // The URL parser has already normalised IPv4 spellings (0x7f.1, 2130706433) to dotted quads.
    return hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  } catch {
    return null;
  }
}

export function createTargetGuard(options: { lookupHost?: LookupHost } = {}): ResolvingTargetGuard {
  const lookupHost = options.lookupHost ?? systemLookup;

  async function addressesOf(hostname: string): Promise<ResolvedAddress[]> {
    if (ipaddr.isValid(hostname)) return [{ address: hostname, family: ipaddr.parse(hostname).kind() === 'ipv6' ? 6 : 4 }];
    return lookupHost(hostname);
  }

  return {
    async check(url, { allowPrivateTargets }) {
      const hostname = hostOf(url);
      if (!hostname) return { allowed: false, reason: 'not an http(s) URL' };
      let addresses: ResolvedAddress[];
      try {
        addresses = await addressesOf(hostname);
      } catch {
        return { allowed: false, reason: `${hostname} does not resolve` };
      }
      if (addresses.length === 0) return { allowed: false, reason: `${hostname} does not resolve` };
      if (!allowPrivateTargets) {
        const inside = addresses.find((a) => !isPublicAddress(a.address));
        if (inside) {
          return {
            allowed: false,
            privateAddress: true,
            reason: `${hostname} resolves to ${inside.address} (${addressRange(inside.address)}), which is not a public address; an admin may set allowPrivateTargets on this endpoint to allow it`,
          };
        }
      }
      return { allowed: true, hostname, addresses };
    },
  };
}
