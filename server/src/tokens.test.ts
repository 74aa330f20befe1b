import { newId, newSecretToken, newTimeOrderedId } from './tokens';

describe('newId and newSecretToken', () => {
  it('make URL-safe ids of 128 bits and tokens of 256 bits, never the same twice across many pool refills', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 3000; i += 1) {
      const id = newId();
      const token = newSecretToken();
      expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      seen.add(id).add(token);
    }
    expect(seen.size).toBe(6000);
  });
});

describe('newTimeOrderedId', () => {
  it('sorts as text in the order the ids were made, and keeps 128 random bits after the time', () => {
    const start = Date.parse('2026-11-24T00:00:00Z');
    const ids = [0, 1, 999, 60_000, 86_400_000 * 365].map((ms) => newTimeOrderedId(start + ms));
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids) expect(id).toMatch(/^[0-9a-z]{9}[A-Za-z0-9_-]{22}$/);
    const sameMillisecond = new Set(Array.from({ length: 1000 }, () => newTimeOrderedId(start)));
    expect(sameMillisecond.size).toBe(1000);
  });
});
