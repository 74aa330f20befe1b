import { openSafeStorage } from './safe-storage';
import { createVisitorTokenStore } from './visitor-token';

describe('visitor token store', () => {
  beforeEach(() => localStorage.clear());

  it('keeps one token per site key', () => {
    const storage = openSafeStorage(() => localStorage);
    createVisitorTokenStore(storage, 'site_a_123').save('a'.repeat(43));
    expect(createVisitorTokenStore(storage, 'site_a_123').read()).toBe('a'.repeat(43));
    expect(createVisitorTokenStore(storage, 'site_b_123').read()).toBeUndefined();
  });

  it('never presents a malformed token', () => {
    localStorage.setItem('parley:site_a_123:visitor-token', 'short');
    expect(createVisitorTokenStore(openSafeStorage(() => localStorage), 'site_a_123').read()).toBeUndefined();
  });
});
