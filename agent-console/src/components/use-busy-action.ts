/**
 * One action at a time: its controls are disabled while it runs, and a refusal is reported by its
 * code. `onStart` clears what the last attempt said (an error, a notice) before the next one runs.
 */
import type { ErrorCode } from '@parley/shared';
import { useState } from 'preact/hooks';
import { errorCodeOf } from '../api/api-error';

export function useBusyAction(onError: (code: ErrorCode) => void, onStart?: () => void) {
  const [busy, setBusy] = useState(false);
  /** Resolves true when the action succeeded, false when it was refused (and reported). */
  async function run(action: () => Promise<void>): Promise<boolean> {
    onStart?.();
    setBusy(true);
    try {
      await action();
      return true;
    } catch (error) {
      onError(errorCodeOf(error));
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { busy, run };
}
