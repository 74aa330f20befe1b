/** The signed-in agent's own account: password and two-step sign-in. */
import { PasswordChange } from '../components/account/password-change';
import { TwoFactorSettings } from '../components/account/two-factor-settings';
import { useConsole, useT } from '../state/console-context';

export function AccountRoute() {
  const t = useT();
  const agent = useConsole().session.agent.value;
  return (
    <main class="account" aria-labelledby="account-title" data-testid="account-page">
      <header class="admin-section__header">
        <h1 id="account-title">{t('account.title')}</h1>
        {agent && <span class="muted">{agent.email}</span>}
      </header>
      <TwoFactorSettings />
      <PasswordChange />
    </main>
  );
}
