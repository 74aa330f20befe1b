/** Under a message the server refused: why (for the codes the visitor can act on), and a way to send it again or drop it. */
import type { ErrorCode } from '@parley/shared';
import { useTranslation } from '../i18n-context';

const EXPLAINED_ERRORS: readonly ErrorCode[] = ['SITE_NOT_FOUND', 'RATE_LIMITED', 'VALIDATION_FAILED', 'SITE_CLOSED'];

export interface MessageFailureProps {
  failure: ErrorCode | undefined;
  onRetry: () => void;
  onDiscard: () => void;
}

export function MessageFailure({ failure, onRetry, onDiscard }: MessageFailureProps) {
  const { t } = useTranslation();
  return (
    <span class="message__failure">
      {failure && <span>{t(EXPLAINED_ERRORS.includes(failure) ? `errors.${failure}` : 'errors.generic')} </span>}
      <button type="button" class="link-button" onClick={onRetry}>
        {t('status.retry')}
      </button>{' '}
      <button type="button" class="link-button" onClick={onDiscard}>
        {t('errors.discard')}
      </button>
    </span>
  );
}

export default MessageFailure;
