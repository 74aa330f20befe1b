/** A system line in the timeline (a transfer, an invitation), worded for the visitor in their language. */
import type { ChatEvent } from '@parley/shared';
import type { TFunction } from 'i18next';
import { useTranslation } from '../i18n-context';
import { IsolatedValue, VALUE_SLOT } from './IsolatedValue';

/**
 * The visitor is told who answers them now; who handed the chat on (`from`, `by`) is for the agents.
 * An agent who let the chat go unanswered is the team's business: that line is internal, never sent
 * here, and would show nothing if it were (the visitor sees their place in the queue instead).
 */
function visitorWording(t: TFunction, event: ChatEvent): { sentence: string; value: string } | null {
  switch (event.type) {
    case 'transferred':
      return { sentence: t('event.transferred', { to: VALUE_SLOT }), value: event.to };
    case 'requeued':
      return { sentence: t('event.requeued', { department: VALUE_SLOT }), value: event.department };
    case 'invited':
      return { sentence: t('event.invited', { agent: VALUE_SLOT }), value: event.agent };
    case 'unanswered':
      return null;
  }
}

/** The line's words alone (for the list's announcements), or nothing for a line the visitor does not see. */
export function ChatEventText({ event }: { event: ChatEvent }) {
  const { t } = useTranslation();
  const wording = visitorWording(t, event);
  return wording && <IsolatedValue {...wording} />;
}

export function ChatEventLine({ event }: { event: ChatEvent }) {
  const { t } = useTranslation();
  const wording = visitorWording(t, event);
  if (wording === null) return null;
  // The name is set apart from the sentence: an agent's Latin name in an Arabic line keeps its order.
  return (
    <li class="message message--system message--event" data-testid="message" data-author="system">
      <p class="message__text">
        <IsolatedValue {...wording} />
      </p>
    </li>
  );
}
