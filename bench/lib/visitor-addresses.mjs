// Every simulated visitor comes from its own address, as real visitors behind the proxy do: Parley
// counts rate limits per address too, and trusts X-Forwarded-For from loopback (see docs/deploy.md).

/** A distinct address in 10.0.0.0/8 for visitor number `index` (up to 16 million). */
export function visitorAddress(index) {
  return `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`;
}

/**
 * Parley lets one visitor send 30 messages a minute (server/src/security/visitor-limits.ts). A run
 * shorter than a minute stays legal while each visitor sends fewer than that in the whole run.
 */
export const MESSAGES_PER_VISITOR_PER_RUN = 28;
