/** One conversation's messages, oldest first, with the replies still on their way at the end. */
import type { Conversation, Message } from '@parley/shared';
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { Outgoing } from '../state/outbox.store';
import { useConsole, useLive, useT } from '../state/console-context';
import { ChatEventLine } from './chat-event-line';
import { LinkifiedText } from './linkified-text';
import { MessageFiles } from './message-files';
import { formatMessageTime } from './time-format';
import { visitorLabel } from './visitor-label';

// Closer than this to the bottom counts as "following along": new messages scroll into view.
const STICK_TO_BOTTOM_PX = 80;

function useAuthorName(conversation: Conversation) {
  const { session } = useConsole();
  const t = useT();
  const me = session.agent.value?.id;
  return (message: Message): string => {
    switch (message.author.kind) {
      case 'visitor':
        return message.author.name ?? visitorLabel(conversation, t);
      case 'agent':
        return message.author.id === me ? t('chat.you') : message.author.name;
      case 'system':
        return t('chat.system');
    }
  };
}

/** Only what the visitor was sent gets a receipt: their own words and internal notes do not. */
function receiptOf(message: Message, visitorSeq: number): 'read' | 'sent' | null {
  if (message.author.kind !== 'agent' || message.internal) return null;
  return message.seq <= visitorSeq ? 'read' : 'sent';
}

function MessageItem({
  message,
  author,
  receipt,
}: {
  message: Message;
  author: string;
  receipt: 'read' | 'sent' | null;
}) {
  const { translator } = useConsole();
  const t = translator.t;
  return (
    <li
      class={`message message--${message.author.kind}${message.internal ? ' message--internal' : ''}`}
      data-testid="message"
      data-author={message.author.kind}
      data-internal={message.internal ? 'true' : undefined}
      data-seq={message.seq}
    >
      <div class="message__meta">
        <span class="message__author">{author}</span>
        {message.internal && <span class="message__tag">{t('chat.internalNote')}</span>}
        <time class="message__time" dateTime={message.createdAt}>
          {formatMessageTime(message.createdAt, translator.language.value)}
        </time>
        {receipt && (
          <span
            class={`message__receipt message__receipt--${receipt}`}
            data-testid="message-receipt"
            data-state={receipt}
          >
            {t(`chat.receipt.${receipt}`)}
          </span>
        )}
      </div>
      {/* Each message finds its own direction: Arabic in an English console, and vice versa. */}
      <p class="message__text" dir="auto">
        <LinkifiedText text={message.text} />
      </p>
      <MessageFiles files={message.attachments} />
    </li>
  );
}

function PendingItem({ item }: { item: Outgoing }) {
  const live = useLive();
  const t = useT();
  const failed = item.state === 'failed';
  return (
    <li
      class={`message message--agent message--pending${failed ? ' message--failed' : ''}${item.internal ? ' message--internal' : ''}`}
      data-testid="pending-message"
      data-author="agent"
      data-state={item.state}
      data-client-id={item.clientId}
    >
      <div class="message__meta">
        <span class="message__author">{t('chat.you')}</span>
        <span class="message__time">
          {failed
            ? t('chat.failed', { reason: t(`errors.${item.errorCode ?? 'INTERNAL'}`) })
            : item.state === 'retrying'
              ? t('chat.retrying')
              : t('chat.sending')}
        </span>
      </div>
      <p class="message__text" dir="auto">
        <LinkifiedText text={item.text} />
      </p>
      <MessageFiles files={item.attachments} />
      {failed && (
        <div class="message__actions">
          <button type="button" class="button button--small" onClick={() => live.outbox.retry(item.clientId)}>
            {t('chat.retry')}
          </button>
          <button
            type="button"
            class="button button--small button--quiet"
            onClick={() => live.outbox.discard(item.clientId)}
          >
            {t('chat.discard')}
          </button>
        </div>
      )}
    </li>
  );
}

export function Transcript({ conversation, label }: { conversation: Conversation; label: string }) {
  const live = useLive();
  const t = useT();
  const messages = live.transcripts.messagesOf(conversation.id).value;
  const pending = live.outbox.pendingOf(conversation.id).value;
  const loaded = live.transcripts.isLoaded(conversation.id);
  const authorName = useAuthorName(conversation);
  const visitorSeq = live.receipts.visitorSeqOf(conversation.id);
  const scroller = useRef<HTMLDivElement>(null);
  const following = useRef(true);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (element && following.current) element.scrollTop = element.scrollHeight;
  }, [messages.length, pending.length]);

  function onScroll() {
    const element = scroller.current;
    if (!element) return;
    following.current = element.scrollHeight - element.scrollTop - element.clientHeight < STICK_TO_BOTTOM_PX;
  }

  return (
    <div class="transcript" ref={scroller} onScroll={onScroll}>
      {!loaded && <p class="transcript__note">{t('chat.loading')}</p>}
      {loaded && messages.length === 0 && pending.length === 0 && (
        <p class="transcript__note">{t('chat.empty')}</p>
      )}
      {/* The live log wraps the list: role="log" on the <ol> itself would take away its list role,
          and screen readers would no longer say "list, N items" or move message by message. */}
      <div role="log" aria-live="polite" aria-label={label} data-testid="transcript">
        <ol class="transcript__list">
          {messages.map((message) =>
            message.event ? (
              <ChatEventLine key={message.seq} message={message} event={message.event} />
            ) : (
              <MessageItem
                key={message.seq}
                message={message}
                author={authorName(message)}
                receipt={receiptOf(message, visitorSeq)}
              />
            ),
          )}
          {pending.map((item) => (
            <PendingItem key={item.clientId} item={item} />
          ))}
        </ol>
      </div>
    </div>
  );
}
