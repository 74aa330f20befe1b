/** The header: brand, connection state, presence, language, theme, notifications, the agent, sign out. */
import { useConsole, useLive, useT } from '../state/console-context';
import { hrefOf } from '../state/navigation.store';
import { LanguagePicker } from './language-picker';
import { MainNav } from './main-nav';
import { NotificationButton } from './notification-button';
import { PresenceSwitch } from './presence-switch';
import { ThemeToggle } from './theme-toggle';

function ConnectionBadge() {
  const live = useLive();
  const t = useT();
  const status = live.status.value;
  return (
    <span
      class={`connection connection--${status}`}
      role="status"
      data-testid="connection-status"
      data-status={status}
    >
      {t(`connection.${status}`)}
    </span>
  );
}

export function TopBar() {
  const app = useConsole();
  const t = useT();
  const agent = app.session.agent.value;
  return (
    <header class="topbar">
      <div class="topbar__brand">
        <span class="topbar__logo" aria-hidden="true" />
        <span>{t('app.title')}</span>
      </div>
      <MainNav />
      <ConnectionBadge />
      <div class="topbar__tools">
        <button
          type="button"
          class="button button--quiet button--icon"
          aria-label={t('shortcuts.open')}
          title={t('shortcuts.open')}
          onClick={() => app.live.value?.commands.showHelp()}
          data-testid="shortcuts-button"
        >
          ?
        </button>
        <PresenceSwitch />
        <NotificationButton />
        <LanguagePicker />
        <ThemeToggle />
        {agent && (
          <a
            class="topbar__agent"
            href={hrefOf({ name: 'account' })}
            onClick={(event) => {
              event.preventDefault();
              app.navigation.go({ name: 'account' });
            }}
            title={t('account.title')}
            aria-current={app.navigation.route.value.name === 'account' ? 'page' : undefined}
            data-testid="agent-name"
          >
            {agent.name}
          </a>
        )}
        <button type="button" class="button button--quiet" onClick={() => void app.signOut()}>
          {t('topbar.signOut')}
        </button>
      </div>
    </header>
  );
}
