/** One JSON value in Web Storage that survives a reload, and never throws (private mode, quota). */
export interface StoredValue<T> {
  read(): T | null;
  write(value: T | null): void;
}

export function storedValue<T>(storage: Storage, key: string): StoredValue<T> {
  return {
    read() {
      try {
        const raw = storage.getItem(key);
        return raw === null ? null : (JSON.parse(raw) as T);
      } catch {
        return null;
      }
    },
    write(value) {
      try {
        if (value === null) storage.removeItem(key);
        else storage.setItem(key, JSON.stringify(value));
      } catch {
        // Storage full or disabled: the console still works, it just forgets on reload.
      }
    },
  };
}
