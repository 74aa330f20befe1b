/** Under the messages of a chat that waits or has ended: the place in the queue and the wait, or "ended" (a lazy part). */
import { useEffect, useState } from 'preact/hooks';
import type { ChatState } from '../chat-store';
import { useTranslation } from '../i18n-context';
import { canChatLive } from '../panel-view';
import { countInOwnWords } from '../count-in-own-words';

export interface ConversationNoticeProps {
  state: Pick<ChatState, 'conversation' | 'queuePosition' | 'availability'>;
  /** The rating card shows under the messages: the end of the chat says so too. */
  rating?: boolean;
}

export function ConversationNotice({ state, rating = false }: ConversationNoticeProps) {
  const { t, lng, intl } = useTranslation();
  // Screen readers skip the first words of a live region that appears already filled: the (empty)
  // status line is in the page first, then filled, and it stays for as long as the chat does.
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  const queue = state.queuePosition;
  let text = null;
  if (!mounted) text = null;
  else if (state.conversation?.status === 'resolved') {
    text = (
      <>
        {t('ended')}
        {rating && <span class="visually-hidden"> {t('rating.question')}</span>}
      </>
    );
  } else if (queue && state.conversation?.status === 'queued') {
    const minutes = Math.max(1, Math.round(queue.estimatedWaitSeconds / 60));
    const duration =
      intl === lng
        ? new Intl.NumberFormat(intl, { style: 'unit', unit: 'minute', unitDisplay: 'long' }).format(minutes)
        : countInOwnWords(t, { key: 'queueWaitMinutes', count: minutes, intl });
    // With nobody online (or out of hours) the estimate, made from recent waits, would promise what nobody keeps:
    // the visitor is told instead how the answer will come (a chat nobody takes becomes a request answered by e-mail).
    const wait = !canChatLive(state) ? t('queueNobody') : queue.estimatedWaitSeconds > 0 ? t('queueWait', { duration }) : null;
    text = (
      <>
        {t('queue', { position: queue.position })}
        {wait && ` · ${wait}`}
      </>
    );
  }
  return (
    <p class="notice notice--inline" role="status" data-testid="conversation-notice">
      {text}
    </p>
  );
}

export default ConversationNotice;
