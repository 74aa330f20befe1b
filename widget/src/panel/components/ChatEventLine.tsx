/** A system line in the timeline (a transfer, an invitation), worded for the visitor in their language. */
import type { ChatEvent } from '@parley/shared';
import type { TFunction } from 'i18next';
import { useTranslation } from '../i18n-context';

/** The visitor is told who answers them now; who handed the chat on (`from`, `by`) is for the agents. */
function visitorWording(t: TFunction, event: ChatEvent): string {
  switch (event.type) {
    case 'transferred':
      return t('event.transferred', { to: event.to });
    case 'requeued':
      return t('event.requeued', { department: event.department });
    case 'invited':
      return t('event.invited', { agent: event.agent });
  }
}

export function ChatEventLine({ event }: { event: ChatEvent }) {
  const { t } = useTranslation();
  return (
    <li class="message message--system message--event" data-testid="message" data-author="system">
      <p class="message__text">{visitorWording(t, event)}</p>
    </li>
  );
}
