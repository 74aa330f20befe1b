/** Sealed TOTP secrets: readable with the key that sealed them, with no other, and not once altered. */
import { createSecretBox } from './secret-box';

const box = createSecretBox('the installation key, long enough to be one');

test('opens what it sealed, and each sealing differs', () => {
  const sealed = box.seal('JBSWY3DPEHPK3PXP');
  expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
  expect(box.seal('JBSWY3DPEHPK3PXP')).not.toBe(sealed);
  expect(box.open(sealed)).toBe('JBSWY3DPEHPK3PXP');
});

test('another key, or an altered text, cannot open it', () => {
  const sealed = box.seal('JBSWY3DPEHPK3PXP');
  expect(() => createSecretBox('some other key that is long enough').open(sealed)).toThrow();
  const [format, iv, tag, body] = sealed.split('.') as [string, string, string, string];
  const flipped = `${body.slice(0, -2)}${body.endsWith('AA') ? 'AB' : 'AA'}`;
  expect(() => box.open([format, iv, tag, flipped].join('.'))).toThrow();
  expect(() => box.open('plain text')).toThrow();
});
