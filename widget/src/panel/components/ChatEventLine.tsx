/** A system line in the timeline (a transfer, an invitation), worded for the visitor in their language. */
import type { ChatEvent } from '@parley/shared';
import type { TFunction } from 'i18next';
import { useTranslation } from '../i18n-context';

/**
 * The visitor is told who answers them now; who handed the chat on (`from`, `by`) is for the agents.
 * An agent who let the chat go unanswered is the team's business: that line is internal, never sent
 * here, and would show nothing if it were (the visitor sees their place in the queue instead).
 */
function visitorWording(t: TFunction, event: ChatEvent): string | null {
  switch (event.type) {
    case 'transferred':
      return t('event.transferred', { to: event.to });
    case 'requeued':
      return t('event.requeued', { department: event.department });
    case 'invited':
      return t('event.invited', { agent: event.agent });
    case 'unanswered':
      return null;
  }
}

export function ChatEventLine({ event }: { event: ChatEvent }) {
  const { t } = useTranslation();
  const wording = visitorWording(t, event);
  if (wording === null) return null;
  return (
    <li class="message message--system message--event" data-testid="message" data-author="system">
      <p class="message__text">{wording}</p>
    </li>
  );
}
