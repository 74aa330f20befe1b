/** "Forgot your password?": asks for a reset link; says the same whether the e-mail has an account or not. */
import { useState } from 'preact/hooks';
import { useConsole, useT } from '../../state/console-context';
import { FormError } from './form-error';
import { useSubmit } from './use-submit';

export function ForgotPasswordForm(props: { initialEmail: string; onBack(): void }) {
  const app = useConsole();
  const t = useT();
  const [email, setEmail] = useState(props.initialEmail);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const { busy, errorCode, retryAfterSeconds, run } = useSubmit();

  function submit(event: Event) {
    event.preventDefault();
    const address = email.trim();
    void run(() => app.rest.forgotPassword({ email: address, locale: app.translator.language.value })).then((ok) => {
      if (ok) setSentTo(address);
    });
  }

  return (
    <form class="login__card" onSubmit={submit} data-testid="forgot-password-form" aria-labelledby="forgot-title">
      <p class="login__brand">{t('app.name')}</p>
      <h1 id="forgot-title">{t('login.forgotTitle')}</h1>
      {sentTo ? (
        <p class="login__subtitle" role="status" data-testid="reset-link-sent">
          {t('login.linkSent', { email: sentTo })}
        </p>
      ) : (
        <>
          <p class="login__subtitle">{t('login.forgotHint')}</p>
          <label class="field">
            <span class="field__label">{t('login.email')}</span>
            <input
              type="email"
              name="email"
              autoComplete="username"
              required
              value={email}
              onInput={(event) => setEmail(event.currentTarget.value)}
            />
          </label>
          <FormError code={errorCode} retryAfterSeconds={retryAfterSeconds} testId="forgot-error" />
          <button type="submit" class="button button--primary button--wide" disabled={busy} aria-busy={busy}>
            {t('login.sendLink')}
          </button>
        </>
      )}
      <button type="button" class="button button--quiet button--wide" onClick={props.onBack}>
        {t('login.back')}
      </button>
    </form>
  );
}
