/** A fresh store in fresh storage for every test of a contract section, closed and removed after it. */
import type { Store } from '../store';
import type { StoreFixture, StoreLocation } from './store-fixtures';

export interface ContractContext {
  readonly fixture: StoreFixture;
  readonly location: StoreLocation;
  /** The store under test; a test may replace it (close, then reopen the same location). */
  store: Store;
}

/** Registers the hooks; the returned context is filled in before each test. */
export function useFreshStore(fixture: StoreFixture): ContractContext {
  let location: StoreLocation | null = null;
  let store: Store | null = null;
  beforeEach(async () => {
    location = fixture.createLocation();
    store = await location.open();
  });
  afterEach(async () => {
    await store?.close();
    await location?.destroy();
    store = null;
    location = null;
  });
  const ready = <T>(value: T | null): T => {
    if (value === null) throw new Error('the store is only available inside a test');
    return value;
  };
  return {
    fixture,
    get location() {
      return ready(location);
    },
    get store() {
      return ready(store);
    },
    set store(next: Store) {
      store = next;
    },
  };
}
