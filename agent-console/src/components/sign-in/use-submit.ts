/** One form submission at a time, with the failure's error code (and any wait it names) kept for the form to show. */
import type { ErrorCode } from '@parley/shared';
import { useState } from 'preact/hooks';
import { errorCodeOf, retryAfterOf } from '../../api/api-error';

interface Failure {
  code: ErrorCode;
  retryAfterSeconds: number | null;
}

export function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  async function run(action: () => Promise<void>): Promise<boolean> {
    setBusy(true);
    setFailure(null);
    try {
      await action();
      setBusy(false);
      return true;
    } catch (error) {
      setFailure({ code: errorCodeOf(error), retryAfterSeconds: retryAfterOf(error) });
      setBusy(false);
      return false;
    }
  }
  return {
    busy,
    errorCode: failure?.code ?? null,
    retryAfterSeconds: failure?.retryAfterSeconds ?? null,
    run,
    clearError: () => setFailure(null),
  };
}
