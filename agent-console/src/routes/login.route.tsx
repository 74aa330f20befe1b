/** The sign-in screen: e-mail and password, then a code when two-step sign-in is on; or a reset link. */
import type { SecondFactorChallenge } from '@parley/shared';
import { useState } from 'preact/hooks';
import { LanguagePicker } from '../components/language-picker';
import { FormError } from '../components/sign-in/form-error';
import { ForgotPasswordForm } from '../components/sign-in/forgot-password-form';
import { RequiredEnrolment } from '../components/sign-in/required-enrolment';
import { SecondFactorForm } from '../components/sign-in/second-factor-form';
import { useSubmit } from '../components/sign-in/use-submit';
import { ThemeToggle } from '../components/theme-toggle';
import { useConsole, useT } from '../state/console-context';

type Step =
  | { kind: 'password' }
  | { kind: 'code'; challenge: SecondFactorChallenge }
  | { kind: 'enrol'; challenge: SecondFactorChallenge }
  | { kind: 'forgot' };

function PasswordForm(props: { email: string; onEmail(email: string): void; onChallenge(challenge: SecondFactorChallenge): void; onForgot(): void }) {
  const { session } = useConsole();
  const t = useT();
  const [password, setPassword] = useState('');
  const { busy, errorCode, retryAfterSeconds, run } = useSubmit();

  function submit(event: Event) {
    event.preventDefault();
    void run(async () => {
      const challenge = await session.signIn({ email: props.email.trim(), password });
      if (challenge) props.onChallenge(challenge);
    });
  }

  return (
    <form class="login__card" onSubmit={submit} data-testid="login-form" aria-labelledby="login-title">
      <p class="login__brand">{t('app.name')}</p>
      <h1 id="login-title">{t('login.title')}</h1>
      <p class="login__subtitle">{t('login.subtitle')}</p>
      {session.endedByServer.value && !errorCode && (
        <p class="login__notice" role="status" data-testid="session-ended">
          {t('errors.UNAUTHENTICATED')}
        </p>
      )}
      <label class="field">
        <span class="field__label">{t('login.email')}</span>
        <input
          type="email"
          name="email"
          autoComplete="username"
          required
          value={props.email}
          onInput={(event) => props.onEmail(event.currentTarget.value)}
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
      <FormError code={errorCode} retryAfterSeconds={retryAfterSeconds} testId="login-error" />
      {/* The name stays "Sign in" while busy so tests and screen readers find one button. */}
      <button type="submit" class="button button--primary button--wide" disabled={busy} aria-busy={busy}>
        {t('login.submit')}
      </button>
      <button type="button" class="button button--quiet login__forgot" onClick={props.onForgot} data-testid="forgot-password">
        {t('login.forgot')}
      </button>
    </form>
  );
}

export function LoginRoute() {
  const [step, setStep] = useState<Step>({ kind: 'password' });
  const [email, setEmail] = useState('');
  const backToPassword = () => setStep({ kind: 'password' });

  return (
    <main class="login">
      <div class="login__tools">
        <LanguagePicker />
        <ThemeToggle />
      </div>
      {step.kind === 'password' && (
        <PasswordForm
          email={email}
          onEmail={setEmail}
          onChallenge={(challenge) => setStep({ kind: challenge.enrolmentRequired ? 'enrol' : 'code', challenge })}
          onForgot={() => setStep({ kind: 'forgot' })}
        />
      )}
      {step.kind === 'code' && <SecondFactorForm challenge={step.challenge} onBack={backToPassword} />}
      {step.kind === 'enrol' && <RequiredEnrolment challenge={step.challenge} onBack={backToPassword} />}
      {step.kind === 'forgot' && <ForgotPasswordForm initialEmail={email.trim()} onBack={backToPassword} />}
    </main>
  );
}
