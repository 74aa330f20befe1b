import { z } from 'zod';
import { isEmailAddress } from './email-address';
import { EmailSchema, TranscriptRequestSchema, VisitorIdentifySchema } from './index';

const addresses = [
  'ada@example.test',
  ' Ada.Lovelace+chat@Mail.Example.org ',
  'ada@bad',
  'foo@bar',
  'carol@bad',
  'ada@@example.test',
  '.ada@example.test',
  'ada..l@example.test',
  'ada @example.test',
  'ada@example.c',
  `${'a'.repeat(64)}@${'b'.repeat(185)}.test`,
  `${'a'.repeat(64)}@${'b'.repeat(186)}.test`,
  '',
];

describe('the e-mail rule', () => {
  it('refuses an address without a dot after the @, which the server refuses too', () => {
    expect(isEmailAddress('ada@bad')).toBe(false);
    expect(VisitorIdentifySchema.safeParse({ name: 'Ada', email: 'ada@bad' }).success).toBe(false);
    expect(isEmailAddress(' ada@example.test ')).toBe(true);
  });

  it('is the one the schemas validate with, so a client and the server agree on every address', () => {
    for (const address of addresses) {
      expect([address, isEmailAddress(address)]).toEqual([address, EmailSchema.safeParse(address).success]);
      expect([address, TranscriptRequestSchema.safeParse({ email: address }).success]).toEqual([address, isEmailAddress(address)]);
    }
  });

  it('is zod’s own e-mail rule', () => {
    for (const address of addresses) {
      const zods = z.string().trim().max(254).email().safeParse(address).success;
      expect([address, isEmailAddress(address)]).toEqual([address, zods]);
    }
  });
});
