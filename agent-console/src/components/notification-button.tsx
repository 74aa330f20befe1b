/** Asks for desktop notifications; browsers only allow asking from a click. */
import { useState } from 'preact/hooks';
import { notificationsSupported } from '../notify/new-chat-alert';
import { useT } from '../state/console-context';

export function NotificationButton() {
  const t = useT();
  const [permission, setPermission] = useState<NotificationPermission | null>(() =>
    notificationsSupported() ? Notification.permission : null,
  );
  if (permission === null || permission === 'granted') return null;
  if (permission === 'denied') {
    return (
      <span class="topbar__note" title={t('topbar.notificationsBlocked')}>
        <span aria-hidden="true">🔕</span>
        <span class="visually-hidden">{t('topbar.notificationsBlocked')}</span>
      </span>
    );
  }
  return (
    <button
      type="button"
      class="button button--quiet"
      onClick={() => void Notification.requestPermission().then(setPermission)}
      data-testid="enable-notifications"
    >
      {t('topbar.enableNotifications')}
    </button>
  );
}
