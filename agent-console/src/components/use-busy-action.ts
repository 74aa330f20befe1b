/** One chat action at a time: its control is disabled while it runs, and a refusal is reported by its code. */
import type { ErrorCode } from '@parley/shared';
import { useState } from 'preact/hooks';
import { errorCodeOf } from '../api/api-error';

export function useBusyAction(onError: (code: ErrorCode) => void) {
  const [busy, setBusy] = useState(false);
  async function run(action: () => Promise<void>): Promise<void> {
    setBusy(true);
    try {
      await action();
    } catch (error) {
      onError(errorCodeOf(error));
    } finally {
      setBusy(false);
    }
  }
  return { busy, run };
}
