/** Under the messages of a chat that waits or has ended: the place in the queue and the wait, or "ended" (a lazy part). */
import type { ChatState } from '../chat-store';
import { useTranslation } from '../i18n-context';

export function ConversationNotice({ state }: { state: Pick<ChatState, 'conversation' | 'queuePosition'> }) {
  const { t, intl } = useTranslation();
  if (state.conversation?.status === 'resolved') return <p class="notice notice--inline">{t('ended')}</p>;
  const queue = state.queuePosition;
  if (!queue || state.conversation?.status !== 'queued') return null;
  const minutes = Math.max(1, Math.round(queue.estimatedWaitSeconds / 60));
  const duration = new Intl.NumberFormat(intl, { style: 'unit', unit: 'minute', unitDisplay: 'long' }).format(minutes);
  return (
    <p class="notice notice--inline" role="status" data-testid="queue-position">
      {t('queue', { position: queue.position })}
      {queue.estimatedWaitSeconds > 0 && ` · ${t('queueWait', { duration })}`}
    </p>
  );
}

export default ConversationNotice;
