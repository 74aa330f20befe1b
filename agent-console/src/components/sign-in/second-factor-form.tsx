/** Sign-in's second step: a code from the authenticator app, or a recovery code. */
import type { SecondFactorChallenge } from '@parley/shared';
import { useState } from 'preact/hooks';
import { useConsole, useT } from '../../state/console-context';
import { FormError } from './form-error';
import { useSubmit } from './use-submit';

export function SecondFactorForm(props: { challenge: SecondFactorChallenge; onBack(): void }) {
  const { session } = useConsole();
  const t = useT();
  const [code, setCode] = useState('');
  const { busy, errorCode, retryAfterSeconds, run } = useSubmit();

  function submit(event: Event) {
    event.preventDefault();
    void run(() => session.completeSecondFactor({ challenge: props.challenge.challenge, code: code.trim() })).then((ok) => {
      // An expired challenge cannot be retried: back to the password.
      if (!ok) setCode('');
    });
  }

  return (
    <form class="login__card" onSubmit={submit} data-testid="second-factor-form" aria-labelledby="second-factor-title">
      <p class="login__brand">{t('app.name')}</p>
      <h1 id="second-factor-title">{t('login.codeTitle')}</h1>
      <p class="login__subtitle">{t('login.codeHint')}</p>
      <label class="field">
        <span class="field__label">{t('login.code')}</span>
        <input
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          autoFocus
          required
          maxLength={32}
          value={code}
          onInput={(event) => setCode(event.currentTarget.value)}
          aria-invalid={errorCode === 'INVALID_CODE'}
        />
      </label>
      <FormError code={errorCode} retryAfterSeconds={retryAfterSeconds} testId="second-factor-error" />
      <button type="submit" class="button button--primary button--wide" disabled={busy} aria-busy={busy}>
        {t('login.verify')}
      </button>
      <button type="button" class="button button--quiet button--wide" onClick={props.onBack}>
        {t('login.back')}
      </button>
    </form>
  );
}
