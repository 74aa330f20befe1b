/** A ticket's subject heads every e-mail the requester gets: cut short, but never through a character. */
import { ticketSubject } from './ticket-subject';

const FALLBACK = 'Message from the website';

test('a long first line is cut to 80 characters, the last an ellipsis', () => {
  const subject = ticketSubject(`${'a'.repeat(100)}\nsecond line`, FALLBACK);
  expect(subject).toBe(`${'a'.repeat(79)}…`);
});

test('an emoji where the cut falls stays whole: no "�" in the subject', () => {
  // QA's #1026: the 80-unit cut fell between the two halves of 😀.
  const subject = ticketSubject(`${'a'.repeat(78)}😀 y más texto para que haya que cortar`, FALLBACK);
  expect(subject).toBe(`${'a'.repeat(78)}😀…`);
  expect(Buffer.from(subject).toString()).toBe(subject);
  // And when only its first half fits, the whole emoji goes, not half of it.
  expect(ticketSubject(`${'б'.repeat(79)}👍 спасибо`, FALLBACK)).toBe(`${'б'.repeat(79)}…`);
});

test('a character made of several code points is kept or cut whole', () => {
  const family = '👨‍👩‍👧';
  const subject = ticketSubject(`${'x'.repeat(78)}${family}${'y'.repeat(10)}`, FALLBACK);
  expect(subject).toBe(`${'x'.repeat(78)}${family}…`);
  expect(ticketSubject(`${'x'.repeat(78)}e\u0301${'y'.repeat(10)}`, FALLBACK)).toBe(`${'x'.repeat(78)}e\u0301…`);
});

test('80 emoji are 160 UTF-16 units but 80 characters: nothing is cut', () => {
  const eighty = '🙂'.repeat(80);
  expect(ticketSubject(eighty, FALLBACK)).toBe(eighty);
});

test('a text with no words is given the fallback', () => {
  expect(ticketSubject(' \n\t ', FALLBACK)).toBe(FALLBACK);
  expect(ticketSubject(undefined, FALLBACK)).toBe(FALLBACK);
});
