/**
 * The address a ticket's e-mails ask to be answered at, when Parley receives mail itself
 * (INBOUND_SMTP_PORT): `r-<ticket id in hex>-<HMAC>@<INBOUND_EMAIL_DOMAIN>`. Like the ticket page's
 * link it needs no stored token and answers for one ticket only. Lower-case hex, because mail
 * servers on the way may change the case of an address's local part; and short enough for one
 * (64 characters at most, RFC 5321).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface TicketReplyAddresses {
  /** Null when the ticket's id is too long for an address (ids Parley makes always fit). */
  addressFor(ticketId: string): string | null;
  /** The ticket an address answers, or null for any other address, forged or malformed (constant-time check). */
  ticketIdFrom(address: string): string | null;
}

const LOCAL_PART_MAX = 64;
// 64 bits: each guess costs an SMTP transaction, and a right one only adds a reply the requester's address must send.
const MAC_HEX_LENGTH = 16;

export function createTicketReplyAddresses({ secret, domain }: { secret: string; domain: string }): TicketReplyAddresses {
  const ownDomain = domain.toLowerCase();
  const sign = (ticketId: string) => createHmac('sha256', secret).update(`reply:${ticketId}`).digest('hex').slice(0, MAC_HEX_LENGTH);
  return {
    addressFor(ticketId) {
      const local = `r-${Buffer.from(ticketId, 'utf8').toString('hex')}-${sign(ticketId)}`;
      return local.length <= LOCAL_PART_MAX ? `${local}@${ownDomain}` : null;
    },
    ticketIdFrom(address) {
      const match = /^r-((?:[0-9a-f]{2})+)-([0-9a-f]{16})@(.+)$/.exec(address.trim().toLowerCase());
      if (!match) return null;
      const [, hexId, mac, at] = match as unknown as [string, string, string, string];
      if (at !== ownDomain) return null;
      const ticketId = Buffer.from(hexId, 'hex').toString('utf8');
      const expected = Buffer.from(sign(ticketId));
      return timingSafeEqual(expected, Buffer.from(mac)) ? ticketId : null;
    },
  };
}
