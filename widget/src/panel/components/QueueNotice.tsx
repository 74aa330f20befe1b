/** Where the visitor waits in the queue and for about how long (a lazy part: only queued chats show it). */
import type { QueuePosition } from '@parley/shared';
import { useTranslation } from '../i18n-context';

export function QueueNotice({ queue }: { queue: QueuePosition }) {
  const { t, lng } = useTranslation();
  const minutes = Math.max(1, Math.round(queue.estimatedWaitSeconds / 60));
  const duration = new Intl.NumberFormat(lng, { style: 'unit', unit: 'minute', unitDisplay: 'long' }).format(minutes);
  return (
    <p class="notice notice--inline" role="status" data-testid="queue-position">
      {t('queue', { position: queue.position })}
      {queue.estimatedWaitSeconds > 0 && ` · ${t('queueWait', { duration })}`}
    </p>
  );
}

export default QueueNotice;
