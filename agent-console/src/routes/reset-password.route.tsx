/** The page an e-mailed reset link opens: a new password, set once; then on to sign-in. */
import { useState } from 'preact/hooks';
import { LanguagePicker } from '../components/language-picker';
import { FormError } from '../components/sign-in/form-error';
import { NewPasswordFields, newPasswordProblem, type NewPassword } from '../components/sign-in/new-password-fields';
import { useSubmit } from '../components/sign-in/use-submit';
import { ThemeToggle } from '../components/theme-toggle';
import { useConsole, useT } from '../state/console-context';

export function ResetPasswordRoute(props: { token: string }) {
  const app = useConsole();
  const t = useT();
  const [value, setValue] = useState<NewPassword>({ password: '', repeat: '' });
  const [tried, setTried] = useState(false);
  const [done, setDone] = useState(false);
  const { busy, errorCode, retryAfterSeconds, run } = useSubmit();

  function submit(event: Event) {
    event.preventDefault();
    setTried(true);
    if (newPasswordProblem(value)) return;
    void run(() => app.rest.resetPassword({ token: props.token, newPassword: value.password })).then((ok) => {
      if (ok) setDone(true);
    });
  }

  function toSignIn() {
    app.navigation.go({ name: 'chats' });
  }

  return (
    <main class="login">
      <div class="login__tools">
        <LanguagePicker />
        <ThemeToggle />
      </div>
      <form class="login__card" onSubmit={submit} data-testid="reset-password-form" aria-labelledby="reset-title" noValidate>
        <p class="login__brand">{t('app.name')}</p>
        <h1 id="reset-title">{t('reset.title')}</h1>
        {done ? (
          <p class="login__subtitle" role="status" data-testid="reset-done">
            {t('reset.done')}
          </p>
        ) : (
          <>
            <p class="login__subtitle">{t('reset.hint')}</p>
            <NewPasswordFields value={value} onChange={setValue} showProblem={tried} />
            <FormError code={errorCode} retryAfterSeconds={retryAfterSeconds} testId="reset-error" />
            <button type="submit" class="button button--primary button--wide" disabled={busy} aria-busy={busy}>
              {t('reset.submit')}
            </button>
          </>
        )}
        <button type="button" class="button button--quiet button--wide" onClick={toSignIn}>
          {t('reset.toSignIn')}
        </button>
      </form>
    </main>
  );
}
