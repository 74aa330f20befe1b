/** The conversation: messages in a polite live region, kept scrolled to the newest while the visitor is at the bottom. */
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { useTranslation } from '../i18n-context';
import type { TimelineEntry } from '../timeline-entries';
import { MessageItem } from './MessageItem';

// Within this many pixels of the end counts as "reading the latest".
const STICK_TO_BOTTOM_PX = 80;

export interface MessageListProps {
  entries: TimelineEntry[];
  onRetry: (clientId: string) => void;
  /** Shown above the messages, e.g. the pre-chat form. */
  children?: ComponentChildren;
}

export function MessageList({ entries, onRetry, children }: MessageListProps) {
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (element && atBottom.current) element.scrollTop = element.scrollHeight;
  }, [entries]);

  const onScroll = (): void => {
    const element = scroller.current;
    if (!element) return;
    atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < STICK_TO_BOTTOM_PX;
  };

  return (
    <div class="messages" ref={scroller} onScroll={onScroll}>
      {children}
      {entries.length === 0 && <p class="messages__empty">{t('empty')}</p>}
      <ol class="messages__list" aria-live="polite" aria-label={t('messages')}>
        {entries.map((entry) => (
          <MessageItem key={entry.key} entry={entry} onRetry={onRetry} />
        ))}
      </ol>
    </div>
  );
}
