/** "Are you sure?" for actions that are hard to undo; the confirming button says what it does. */
import type { ErrorCode } from '@parley/shared';
import { useState } from 'preact/hooks';
import { errorCodeOf } from '../api/api-error';
import { useT } from '../state/console-context';
import { Dialog } from './dialog';

export interface ConfirmDialogProps {
  title: string;
  text: string;
  confirmLabel: string;
  danger?: boolean;
  onConfirm(): Promise<void>;
  onClose(): void;
}

export function ConfirmDialog(props: ConfirmDialogProps) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorCode | null>(null);
  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await props.onConfirm();
    } catch (failure) {
      setError(errorCodeOf(failure));
      setBusy(false);
    }
  }
  return (
    <Dialog title={props.title} onClose={props.onClose} testId="confirm-dialog">
      <p class="dialog__text">{props.text}</p>
      {error && (
        <p class="form-error" role="alert" data-code={error}>
          {t(`errors.${error}`)}
        </p>
      )}
      <div class="dialog__actions">
        <button type="button" class="button button--quiet" onClick={props.onClose} data-autofocus>
          {t('common.cancel')}
        </button>
        <button
          type="button"
          class={`button ${props.danger ? 'button--danger' : 'button--primary'}`}
          disabled={busy}
          onClick={() => void confirm()}
          data-testid="confirm-button"
        >
          {props.confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
