/** One form submission at a time, with the failure's error code kept for the form to show. */
import type { ErrorCode } from '@parley/shared';
import { useState } from 'preact/hooks';
import { errorCodeOf } from '../../api/api-error';

export function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [errorCode, setErrorCode] = useState<ErrorCode | null>(null);
  async function run(action: () => Promise<void>): Promise<boolean> {
    setBusy(true);
    setErrorCode(null);
    try {
      await action();
      setBusy(false);
      return true;
    } catch (error) {
      setErrorCode(errorCodeOf(error));
      setBusy(false);
      return false;
    }
  }
  return { busy, errorCode, run, clearError: () => setErrorCode(null) };
}
