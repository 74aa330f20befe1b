/** A system line in a chat (a transfer, an invitation, a chat left unanswered), worded in the agent's language. */
import type { ChatEvent, Message } from '@parley/shared';
import type { Translator } from '../i18n/i18n';
import { useConsole } from '../state/console-context';
import { formatMessageTime, formatTimeLimit } from './time-format';

/** The message's `text` is the server's English; agents read the event in their own language. */
function chatEventSentence(translator: Pick<Translator, 't' | 'language'>, event: ChatEvent): string {
  const { t } = translator;
  switch (event.type) {
    case 'transferred':
      return t('chat.event.transferred', { from: event.from, to: event.to });
    case 'requeued':
      return t('chat.event.requeued', { from: event.from, department: event.department });
    case 'invited':
      return t('chat.event.invited', { by: event.by, agent: event.agent });
    case 'unanswered':
      return t('chat.event.unanswered', {
        agent: event.agent,
        duration: formatTimeLimit(event.seconds, translator.language.value),
      });
  }
}

export function ChatEventLine({ message, event }: { message: Message; event: ChatEvent }) {
  const { translator } = useConsole();
  return (
    <li
      class="message message--event"
      data-testid="message"
      data-author={message.author.kind}
      data-event={event.type}
      data-seq={message.seq}
    >
      <p class="message__event">
        <span class="message__event-text">{chatEventSentence(translator, event)}</span>
        <time class="message__time" dateTime={message.createdAt}>
          {formatMessageTime(message.createdAt, translator.language.value)}
        </time>
      </p>
    </li>
  );
}
