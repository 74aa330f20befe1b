/** One SQLite store in fresh storage for a whole test file: opened before its first test, removed after its last. */
import { sqliteFixture, type StoreLocation } from '../store/contract/store-fixtures';
import type { Store } from '../store/store';

/** Registers the hooks; `onOpen` hands the store to the file's own variable. */
export function useSqliteStoreForFile(onOpen: (store: Store) => void): void {
  let location: StoreLocation | null = null;
  let store: Store | null = null;
  beforeAll(async () => {
    location = sqliteFixture.createLocation();
    store = await location.open();
    onOpen(store);
  });
  afterAll(async () => {
    await store?.close();
    await location?.destroy();
  });
}
