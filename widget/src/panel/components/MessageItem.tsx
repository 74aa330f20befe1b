/** One message bubble: author, text with links, time, and for the visitor's own messages a delivery status. */
import type { ErrorCode } from '@parley/shared';
import type { TFunction } from 'i18next';
import { useMemo } from 'preact/hooks';
import { useTranslation } from '../i18n-context';
import type { TimelineEntry } from '../timeline-entries';
import { LinkifiedText } from './LinkifiedText';

const EXPLAINED_ERRORS: readonly ErrorCode[] = ['SITE_NOT_FOUND', 'RATE_LIMITED', 'VALIDATION_FAILED'];

/** The visitor sees a sentence for the codes they can act on and a general one for the rest. */
export function errorText(t: TFunction, code: ErrorCode): string {
  return EXPLAINED_ERRORS.includes(code) ? t(`errors.${code}`) : t('errors.generic');
}

function useTimeFormat(lng: string): Intl.DateTimeFormat {
  return useMemo(() => new Intl.DateTimeFormat(lng, { hour: 'numeric', minute: '2-digit' }), [lng]);
}

export interface MessageItemProps {
  entry: TimelineEntry;
  onRetry: (clientId: string) => void;
}

export function MessageItem({ entry, onRetry }: MessageItemProps) {
  const { t, lng } = useTranslation();
  const time = useTimeFormat(lng).format(new Date(entry.createdAt));
  const authorName = entry.author === 'agent' ? entry.authorName || t('author.agent') : null;
  return (
    <li
      class={`message message--${entry.author}`}
      data-testid="message"
      data-author={entry.author}
      data-status={entry.status}
    >
      {authorName && <span class="message__author">{authorName}</span>}
      <p class="message__text">
        <LinkifiedText text={entry.text} />
      </p>
      <span class="message__meta">
        <time dateTime={entry.createdAt}>{time}</time>
        {entry.status && (
          <span class="message__status" data-testid="message-status">
            {t(`status.${entry.status}`)}
          </span>
        )}
      </span>
      {entry.status === 'failed' && (
        <span class="message__failure">
          {entry.failure && <span>{errorText(t, entry.failure)} </span>}
          <button type="button" class="link-button" onClick={() => onRetry(entry.clientId)}>
            {t('status.retry')}
          </button>
        </span>
      )}
    </li>
  );
}
