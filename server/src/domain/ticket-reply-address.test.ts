import { createTicketReplyAddresses } from './ticket-reply-address';
import { newId } from '../tokens';

const addresses = createTicketReplyAddresses({ secret: 'a secret of this installation', domain: 'Reply.Example.com' });

describe('ticket reply addresses', () => {
  it('answers for the ticket it was made for, whatever case mail servers give it back in', () => {
    const ticketId = newId();
    const address = addresses.addressFor(ticketId) ?? '';
    expect(address).toMatch(/^r-[0-9a-f]+-[0-9a-f]{16}@reply\.example\.com$/);
    expect(address.split('@')[0]?.length).toBeLessThanOrEqual(64);
    expect(addresses.ticketIdFrom(address)).toBe(ticketId);
    expect(addresses.ticketIdFrom(` ${address.toUpperCase()} `)).toBe(ticketId);
  });

  it('refuses forged, altered, foreign and malformed addresses', () => {
    const ticketId = newId();
    const address = addresses.addressFor(ticketId) ?? '';
    const [local = '', domain = ''] = address.split('@');
    const otherInstallation = createTicketReplyAddresses({ secret: 'another secret', domain: 'reply.example.com' });
    const forgedFor = (id: string) => `r-${Buffer.from(id).toString('hex')}-${local.slice(-16)}@${domain}`;
    for (const refused of [
      forgedFor(newId()),
      otherInstallation.addressFor(ticketId) ?? '',
      `${local}@example.com`,
      `${local.slice(0, -1)}${local.endsWith('0') ? '1' : '0'}@${domain}`,
      `support@${domain}`,
      'r--0123456789abcdef@reply.example.com',
      'r-zz-0123456789abcdef@reply.example.com',
      '',
    ]) expect(addresses.ticketIdFrom(refused)).toBeNull();
  });

  it('gives no address to an id too long for one', () => {
    expect(addresses.addressFor('x'.repeat(30))).toBeNull();
  });
});
