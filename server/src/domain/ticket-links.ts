/**
 * Links to the public ticket page: `<ticketId>.<HMAC>` under an installation secret. Stable for
 * every e-mail of a ticket, unguessable, single-purpose (it opens that one ticket, nothing else),
 * and needing no stored token.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface TicketLinks {
  tokenFor(ticketId: string): string;
  /** The ticket id a token opens, or null for a forged or malformed one (constant-time check). */
  ticketIdFrom(token: string): string | null;
  linkFor(ticketId: string): string;
}

export function createTicketLinks({ secret, publicUrl }: { secret: string; publicUrl: string }): TicketLinks {
  const sign = (ticketId: string) => createHmac('sha256', secret).update(`ticket:${ticketId}`).digest('base64url');
  const links: TicketLinks = {
    tokenFor: (ticketId) => `${ticketId}.${sign(ticketId)}`,
    ticketIdFrom(token) {
      const match = /^([A-Za-z0-9_-]{8,64})\.([A-Za-z0-9_-]{43})$/.exec(token);
      if (!match) return null;
      const [, id, mac] = match as unknown as [string, string, string];
      const expected = Buffer.from(sign(id));
      const given = Buffer.from(mac);
      return expected.length === given.length && timingSafeEqual(expected, given) ? id : null;
    },
    linkFor: (ticketId) => `${publicUrl}/t/${links.tokenFor(ticketId)}`,
  };
  return links;
}
