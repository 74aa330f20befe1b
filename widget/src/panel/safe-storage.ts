/**
 * localStorage of the Parley origin, or memory when the browser blocks or fills it (third-party
 * storage blocking, private modes, quota): the chat keeps working for this page either way.
 */

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** `open` is a function because merely reading `window.localStorage` can throw a SecurityError. */
export function openSafeStorage(open: () => Storage | null): KeyValueStorage {
  const memory = new Map<string, string>();
  // Keys whose last write failed are served from memory, so a read never returns a stale value.
  const memoryOnly = new Set<string>();
  let storage: Storage | null = null;
  try {
    storage = open();
  } catch {
    storage = null;
  }

  const attempt = (key: string, write: (target: Storage) => void): void => {
    try {
      if (!storage) throw new Error('no storage');
      write(storage);
      memoryOnly.delete(key);
    } catch {
      memoryOnly.add(key);
    }
  };

  return {
    getItem(key) {
      if (storage && !memoryOnly.has(key)) {
        try {
          return storage.getItem(key);
        } catch {
          // Fall through to memory.
        }
      }
      return memory.get(key) ?? null;
    },
    setItem(key, value) {
      memory.set(key, value);
      attempt(key, (target) => target.setItem(key, value));
    },
    removeItem(key) {
      memory.delete(key);
      attempt(key, (target) => target.removeItem(key));
    },
  };
}

/** Storage keys are per site key: one browser may chat with several Parley sites. */
export const storageKeys = {
  visitorToken: (siteKey: string) => `parley:${siteKey}:visitor-token`,
  outbox: (siteKey: string) => `parley:${siteKey}:outbox`,
  sound: (siteKey: string) => `parley:${siteKey}:sound`,
  email: (siteKey: string) => `parley:${siteKey}:email`,
};
