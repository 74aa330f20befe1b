// Every simulated visitor comes from its own address, as real visitors behind the proxy do: Parley
// counts rate limits per address too, and trusts X-Forwarded-For from loopback (see docs/deploy.md).

/** A distinct address in 10.0.0.0/8 for visitor number `index` (up to 16 million). */
export function visitorAddress(index) {
  return `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`;
}

/**
 * The relay benchmark's Parley lets a visitor (and an address) send this many messages a minute
 * (VISITOR_MESSAGES_PER_MINUTE, ADDRESS_MESSAGES_PER_MINUTE; 30 and 120 by default), so that 1,000
 * visitors can offer 5,000 messages a second. A run shorter than a minute stays legal while each
 * visitor sends fewer than that in the whole run.
 */
export const RELAY_MESSAGES_PER_MINUTE = 600;
export const MESSAGES_PER_VISITOR_PER_RUN = RELAY_MESSAGES_PER_MINUTE - 2;
