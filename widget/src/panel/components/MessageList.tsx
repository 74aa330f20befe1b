/**
 * The conversation: messages, with room for a form above them (pre-chat) and cards below them (after
 * the chat, offline form). Kept scrolled to the newest while the visitor is there. New messages from
 * others are read out by screen readers; the history and the visitor's own messages are not.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import { useTranslation } from '../i18n-context';
import type { ChatActions } from '../chat-actions';
import type { TimelineEntry } from '../timeline-entries';
import { ChatEventLine, ChatEventText } from './ChatEventLine';
import { MessageItem } from './MessageItem';

// Within this many pixels of the end counts as "reading the latest".
const STICK_TO_BOTTOM_PX = 80;

export interface MessageListProps {
  entries: TimelineEntry[];
  /** Shown while there are no messages (empty: nothing). */
  greeting: string;
  /** Retrying a refused message, and the visitor's access to files. */
  actions: Pick<ChatActions, 'retry' | 'discard' | 'fileAccess'>;
  /** Above the messages, e.g. the pre-chat form. */
  intro?: ComponentChildren;
  /** Below the messages, e.g. the rating card. */
  children?: ComponentChildren;
  /** The chat is showing; while it is not, the frame is hidden and has no layout to scroll. */
  open: boolean;
  /** The stored history is in `entries`: what comes after it is read out. */
  historyLoaded?: boolean;
}

// The newest arrivals kept in the announcements (the region is read only as it changes).
const ANNOUNCED = 3;

/**
 * Messages from others (agents, system lines) that came after the history: the history is not read out
 * when the chat opens, nor the visitor's own messages (and their "Sending…", "Sent").
 */
function useArrivals(entries: TimelineEntry[], historyLoaded: boolean): TimelineEntry[] {
  const history = useRef<Set<string> | null>(null);
  if (!historyLoaded) return [];
  history.current ??= new Set(entries.map((entry) => entry.key));
  const known = history.current;
  return entries.filter((entry) => entry.author !== 'visitor' && !known.has(entry.key)).slice(-ANNOUNCED);
}

export function MessageList({ entries, greeting, actions, intro, children, open, historyLoaded = false }: MessageListProps) {
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);

  // A new message keeps the end in view while the visitor reads there (cards reveal themselves: FormCard).
  // Opening counts too: history that arrived while the frame was hidden could not be scrolled to.
  useLayoutEffect(() => {
    const element = scroller.current;
    if (element && atBottom.current) element.scrollTop = element.scrollHeight;
  }, [entries, open]);

  // The list shrinks when something opens under it (suggestions, the emoji picker): the newest
  // message stays in view rather than behind it, while the visitor reads there.
  useEffect(() => {
    const element = scroller.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      // A field being filled in (the pre-chat form, as the phone's keyboard opens) stays in view instead.
      const active = element.ownerDocument.activeElement;
      const form = active?.closest('form');
      if (active && form && element.contains(form)) return active.scrollIntoView?.({ block: 'nearest' });
      if (atBottom.current) element.scrollTop = element.scrollHeight;
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const onScroll = (): void => {
    const element = scroller.current;
    if (!element) return;
    atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < STICK_TO_BOTTOM_PX;
  };

  const arrivals = useArrivals(entries, historyLoaded);

  return (
    <div class="messages" ref={scroller} onScroll={onScroll}>
      <div class="visually-hidden" aria-live="polite" data-testid="message-announcements">
        {arrivals.map((entry) => (
          <p key={entry.key}>
            {entry.event ? (
              <ChatEventText event={entry.event} />
            ) : (
              <>
                {entry.author === 'agent' && <bdi>{entry.authorName || t('author.agent')}</bdi>}
                {entry.author === 'agent' && ': '}
                {/* A message that is only files is heard as their names, not as a name and a colon. */}
                <span dir="auto">{entry.text || entry.attachments?.map((file) => file.name).join(', ')}</span>
              </>
            )}
          </p>
        ))}
      </div>
      {/* The greeting first: it says hello, then the pre-chat form asks who is writing. */}
      {entries.length === 0 && greeting && <p class="messages__empty" dir="auto">{greeting}</p>}
      {intro}
      <ol class="messages__list" aria-label={t('messages')}>
        {entries.map((entry) =>
          entry.event ? (
            <ChatEventLine key={entry.key} event={entry.event} />
          ) : (
            <MessageItem key={entry.key} entry={entry} actions={actions} />
          ),
        )}
      </ol>
      {children}
    </div>
  );
}
