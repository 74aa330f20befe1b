/** The e-mail the visitor gave in this panel, kept per site so the forms can fill it in after a reload. */
import type { ChatStore } from './chat-store';
import { storageKeys, type KeyValueStorage } from './safe-storage';

/**
 * Puts the kept e-mail into the store, then keeps each new one the visitor gives (pre-chat, offline
 * form, transcript, identify()): the server does not send it back. "Forget me" drops it with the other keys.
 */
export function rememberVisitorEmail(store: ChatStore, storage: KeyValueStorage, siteKey: string): void {
  const key = storageKeys.email(siteKey);
  // Only this panel writes the key, with addresses that passed the server's rule.
  store.update({ email: storage.getItem(key) });
  // Writing an unchanged value is a no-op for the storage (no event in other tabs).
  store.subscribe(({ email }) => email && storage.setItem(key, email));
}
