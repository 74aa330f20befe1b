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
      title={t('topbar.enableNotifications')}
      data-testid="enable-notifications"
    >
      {/* Drawn, not an emoji: a machine without an emoji font shows an empty box for 🔔. */}
      <svg class="topbar__icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
        <path
          fill="none"
          stroke="currentColor"
          stroke-width="2"
          stroke-linecap="round"
          stroke-linejoin="round"
          d="M6 16V11a6 6 0 0 1 12 0v5l1.5 2h-15zM10 20.5a2 2 0 0 0 4 0"
        />
      </svg>
      <span class="topbar__text">{t('topbar.enableNotifications')}</span>
    </button>
  );
}
