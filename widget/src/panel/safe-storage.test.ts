import { openSafeStorage } from './safe-storage';

function throwingStorage(): Storage {
  return {
    length: 0,
    clear: () => undefined,
    key: () => null,
    getItem: () => {
      throw new DOMException('blocked', 'SecurityError');
    },
    setItem: () => {
      throw new DOMException('full', 'QuotaExceededError');
    },
    removeItem: () => undefined,
  };
}

describe('openSafeStorage', () => {
  beforeEach(() => localStorage.clear());

  it('uses localStorage when it works, so other tabs and reloads see the value', () => {
    const storage = openSafeStorage(() => localStorage);
    storage.setItem('k', 'v');
    expect(localStorage.getItem('k')).toBe('v');
    expect(openSafeStorage(() => localStorage).getItem('k')).toBe('v');
  });

  it('falls back to memory silently when even opening localStorage throws', () => {
    const storage = openSafeStorage(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    expect(storage.getItem('k')).toBeNull();
    storage.setItem('k', 'v');
    expect(storage.getItem('k')).toBe('v');
    storage.removeItem('k');
    expect(storage.getItem('k')).toBeNull();
  });

  it('falls back to memory when reads and writes throw', () => {
    const storage = openSafeStorage(throwingStorage);
    expect(() => storage.setItem('k', 'v')).not.toThrow();
    expect(storage.getItem('k')).toBe('v');
  });
});
