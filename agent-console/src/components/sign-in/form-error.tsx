/** A form's translated failure, announced to screen readers. */
import type { ErrorCode } from '@parley/shared';
import { useT } from '../../state/console-context';

export function FormError(props: { code: ErrorCode | null; testId: string }) {
  const t = useT();
  if (!props.code) return null;
  return (
    <p class="form-error" role="alert" data-testid={props.testId} data-code={props.code}>
      {t(`errors.${props.code}`)}
    </p>
  );
}
