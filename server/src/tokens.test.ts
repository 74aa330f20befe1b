import { newId, newSecretToken } from './tokens';

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
