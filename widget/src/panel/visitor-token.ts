/** The visitor's token in Parley-origin storage, per site; only a well-formed one is ever presented. */
import { storageKeys, type KeyValueStorage } from './safe-storage';

// Mirrors VISITOR_TOKEN_PATTERN of @parley/shared (importing it would bring zod in); a test compares them.
export const VISITOR_TOKEN_FORMAT = /^[A-Za-z0-9_-]{32,128}$/;

export interface VisitorTokenStore {
  read(): string | undefined;
  save(token: string): void;
}

export function createVisitorTokenStore(storage: KeyValueStorage, siteKey: string): VisitorTokenStore {
  const key = storageKeys.visitorToken(siteKey);
  return {
    // A corrupted value would make the server refuse the handshake; without it we simply get a new visitor.
    read: () => {
      const token = storage.getItem(key);
      return token && VISITOR_TOKEN_FORMAT.test(token) ? token : undefined;
    },
    save: (token) => {
      if (VISITOR_TOKEN_FORMAT.test(token) && storage.getItem(key) !== token) storage.setItem(key, token);
    },
  };
}
