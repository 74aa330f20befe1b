/** Loading, failure and error lines shared by the knowledge-base and analytics screens. */
import type { ErrorCode } from '@parley/shared';
import { useInsightT } from '../i18n/use-insight-t';
import { useT } from '../state/console-context';

export function LoadingLine() {
  const t = useInsightT();
  return (
    <p class="insight-state" role="status">
      {t('common.loading')}
    </p>
  );
}

/** Why something did not load, and a button to try again. */
export function FailedLine({ error, retry }: { error: ErrorCode; retry(): void }) {
  const t = useInsightT();
  const consoleT = useT();
  return (
    <p class="form-error" role="alert" data-code={error}>
      {consoleT(`errors.${error}`)}{' '}
      <button type="button" class="button button--small" onClick={retry}>
        {t('common.retry')}
      </button>
    </p>
  );
}

/** A refused write: the code's sentence, and the server's own words for a field problem. */
export function ErrorLine({ error }: { error: { code: ErrorCode; detail?: string } | null }) {
  const consoleT = useT();
  if (!error) return null;
  return (
    <p class="form-error" role="alert" data-code={error.code}>
      {consoleT(`errors.${error.code}`)}
      {error.code === 'VALIDATION_FAILED' && error.detail && <span> {error.detail}</span>}
    </p>
  );
}
