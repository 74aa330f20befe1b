/** Whether the visitor of an open chat is still on the site: an agent knows if an answer is read now or later. */
import type { Conversation } from '@parley/shared';
import { useConsole } from '../state/console-context';
import { formatMessageTime } from './time-format';

export function VisitorPresence({ conversation }: { conversation: Conversation }) {
  const { translator } = useConsole();
  // A resolved chat's record is where the visitor was when it ended, not where they are now.
  if (conversation.status === 'resolved') return null;
  const leftAt = conversation.visitorLeftAt;
  return (
    <span
      class={`visitor-presence visitor-presence--${leftAt ? 'left' : 'here'}`}
      data-testid="visitor-presence"
      data-left={leftAt ? 'true' : 'false'}
    >
      {leftAt
        ? translator.t('chat.presence.left', { time: formatMessageTime(leftAt, translator.language.value) })
        : translator.t('chat.presence.here')}
    </span>
  );
}
