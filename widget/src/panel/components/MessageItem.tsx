/** One message bubble: author, text with links, time, and for the visitor's own messages a delivery status. */
import { useMemo } from 'preact/hooks';
import type { ChatActions } from '../chat-actions';
import { useTranslation } from '../i18n-context';
import type { TimelineEntry } from '../timeline-entries';
import { LazyAttachmentFiles, LazyMessageFailure } from './lazy-parts';
import { LinkifiedText } from './LinkifiedText';

function useTimeFormat(locale: string): Intl.DateTimeFormat {
  return useMemo(() => new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' }), [locale]);
}

export interface MessageItemProps {
  entry: TimelineEntry;
  actions: Pick<ChatActions, 'retry' | 'discard' | 'fileAccess'>;
}

export function MessageItem({ entry, actions }: MessageItemProps) {
  const { t, intl } = useTranslation();
  const time = useTimeFormat(intl).format(new Date(entry.createdAt));
  const authorName = entry.author === 'agent' ? entry.authorName || t('author.agent') : null;
  return (
    <li
      class={`message message--${entry.author}`}
      data-testid="message"
      data-author={entry.author}
      data-status={entry.status}
    >
      {/* A message reads in its own direction ("Order #123 is late!" stays so in an Arabic panel); a name keeps the panel's side. */}
      {authorName && (
        <span class="message__author">
          <bdi>{authorName}</bdi>
        </span>
      )}
      <p class="message__text" dir="auto">
        <LinkifiedText text={entry.text} />
      </p>
      {entry.attachments && <LazyAttachmentFiles files={entry.attachments} access={actions.fileAccess} />}
      <span class="message__meta">
        <time dateTime={entry.createdAt}>{time}</time>
        {entry.status && (
          <span class="message__status" data-testid="message-status">
            {t(entry.read ? 'status.read' : `status.${entry.status}`)}
          </span>
        )}
      </span>
      {entry.status === 'failed' && (
        <LazyMessageFailure
          failure={entry.failure}
          onRetry={() => actions.retry(entry.clientId)}
          onDiscard={() => actions.discard(entry.clientId)}
        />
      )}
    </li>
  );
}
