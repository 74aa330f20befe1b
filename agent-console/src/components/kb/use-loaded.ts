/** Something fetched when a screen opens: its state, the value, and a way to try again or replace it. */
import type { ErrorCode } from '@parley/shared';
import { useEffect, useState } from 'preact/hooks';
import { errorCodeOf } from '../../api/api-error';

export type Loaded<T> =
  | { state: 'loading'; value: null }
  | { state: 'ready'; value: T }
  | { state: 'failed'; value: null; error: ErrorCode };

export interface LoadedHandle<T> {
  loaded: Loaded<T>;
  reload(): void;
  /** The server answered a write with the new value: show it without asking again. */
  set(value: T): void;
}

export function useLoaded<T>(load: () => Promise<T>, deps: readonly unknown[]): LoadedHandle<T> {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading', value: null });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let current = true;
    setLoaded({ state: 'loading', value: null });
    load().then(
      (value) => current && setLoaded({ state: 'ready', value }),
      (error: unknown) => current && setLoaded({ state: 'failed', value: null, error: errorCodeOf(error) }),
    );
    return () => {
      current = false;
    };
    // The caller names what the load depends on.
  }, [...deps, attempt]);
  return {
    loaded,
    reload: () => setAttempt((n) => n + 1),
    set: (value) => setLoaded({ state: 'ready', value }),
  };
}
