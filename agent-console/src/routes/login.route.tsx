/** The sign-in screen: e-mail and password, and a translated reason when it fails. */
import type { ErrorCode } from '@parley/shared';
import { useState } from 'preact/hooks';
import { errorCodeOf } from '../api/api-error';
import { LanguagePicker } from '../components/language-picker';
import { ThemeToggle } from '../components/theme-toggle';
import { useConsole, useT } from '../state/console-context';

export function LoginRoute() {
  const { session } = useConsole();
  const t = useT();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [errorCode, setErrorCode] = useState<ErrorCode | null>(null);

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setErrorCode(null);
    try {
      await session.signIn({ email: email.trim(), password });
    } catch (error) {
      setErrorCode(errorCodeOf(error));
      setBusy(false);
    }
  }

  return (
    <main class="login">
      <div class="login__tools">
        <LanguagePicker />
        <ThemeToggle />
      </div>
      <form class="login__card" onSubmit={submit} data-testid="login-form" aria-labelledby="login-title">
        <p class="login__brand">{t('app.name')}</p>
        <h1 id="login-title">{t('login.title')}</h1>
        <p class="login__subtitle">{t('login.subtitle')}</p>
        <label class="field">
          <span class="field__label">{t('login.email')}</span>
          <input
            type="email"
            name="email"
            autoComplete="username"
            required
            value={email}
            onInput={(event) => setEmail(event.currentTarget.value)}
            aria-invalid={errorCode === 'INVALID_CREDENTIALS'}
          />
        </label>
        <label class="field">
          <span class="field__label">{t('login.password')}</span>
          <input
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onInput={(event) => setPassword(event.currentTarget.value)}
            aria-invalid={errorCode === 'INVALID_CREDENTIALS'}
          />
        </label>
        {errorCode && (
          <p class="form-error" role="alert" data-testid="login-error" data-code={errorCode}>
            {t(`errors.${errorCode}`)}
          </p>
        )}
        {/* The name stays "Sign in" while busy so tests and screen readers find one button. */}
        <button type="submit" class="button button--primary button--wide" disabled={busy} aria-busy={busy}>
          {t('login.submit')}
        </button>
      </form>
    </main>
  );
}
