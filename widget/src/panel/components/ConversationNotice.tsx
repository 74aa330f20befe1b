/** Under the messages of a chat that waits or has ended: the place in the queue and the wait, or "ended" (a lazy part). */
import type { ChatState } from '../chat-store';
import { useTranslation } from '../i18n-context';
import { canChatLive } from '../panel-view';

export function ConversationNotice({ state }: { state: Pick<ChatState, 'conversation' | 'queuePosition' | 'availability'> }) {
  const { t, intl } = useTranslation();
  if (state.conversation?.status === 'resolved') return <p class="notice notice--inline">{t('ended')}</p>;
  const queue = state.queuePosition;
  if (!queue || state.conversation?.status !== 'queued') return null;
  const minutes = Math.max(1, Math.round(queue.estimatedWaitSeconds / 60));
  const duration = new Intl.NumberFormat(intl, { style: 'unit', unit: 'minute', unitDisplay: 'long' }).format(minutes);
  // With nobody online (or out of hours) the estimate, made from recent waits, would promise what nobody keeps:
  // the visitor is told instead how the answer will come (a chat nobody takes becomes a request answered by e-mail).
  const wait = !canChatLive(state) ? t('queueNobody') : queue.estimatedWaitSeconds > 0 ? t('queueWait', { duration }) : null;
  return (
    <p class="notice notice--inline" role="status" data-testid="queue-position">
      {t('queue', { position: queue.position })}
      {wait && ` · ${wait}`}
    </p>
  );
}

export default ConversationNotice;
