/** The agent changes their own password: the current one first; every other device is signed out. */
import { useState } from 'preact/hooks';
import { refusedField } from '../../api/api-error';
import { useConsole, useT } from '../../state/console-context';
import { FormError } from '../sign-in/form-error';
import { NewPasswordFields, newPasswordProblem, type NewPassword } from '../sign-in/new-password-fields';
import { useSubmit } from '../sign-in/use-submit';

const EMPTY: NewPassword = { password: '', repeat: '' };

export function PasswordChange() {
  const app = useConsole();
  const t = useT();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState<NewPassword>(EMPTY);
  const [tried, setTried] = useState(false);
  const [changed, setChanged] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);
  const { busy, errorCode, retryAfterSeconds, run, clearError } = useSubmit();

  async function changePassword(): Promise<void> {
    const token = app.session.token.value ?? '';
    try {
      await app.rest.changePassword(token, { currentPassword: current, newPassword: next.password });
    } catch (error) {
      setRefused(refusedField(error));
      throw error;
    }
  }

  function submit(event: Event) {
    event.preventDefault();
    // Each attempt starts clean: the last attempt's refusals no longer hold.
    clearError();
    setRefused(null);
    setTried(true);
    setChanged(false);
    if (newPasswordProblem(next)) return;
    void run(changePassword).then((ok) => {
      if (!ok) return;
      setCurrent('');
      setNext(EMPTY);
      setTried(false);
      setChanged(true);
    });
  }

  // The server's refusals that belong to one field are said by that field; the rest below the form.
  const wrongCurrent = errorCode === 'INVALID_CREDENTIALS';
  const sameAsCurrent = errorCode === 'VALIDATION_FAILED' && refused === 'newPassword';
  const formErrorCode = wrongCurrent || sameAsCurrent ? null : errorCode;

  return (
    <form class="settings-section" onSubmit={submit} aria-labelledby="password-title" data-testid="password-change" noValidate>
      <h2 class="settings-section__title" id="password-title">{t('account.passwordTitle')}</h2>
      <p class="settings-section__description">{t('account.passwordHint')}</p>
      <label class="field">
        <span class="field__label">{t('account.currentPassword')}</span>
        <input
          type="password"
          name="current-password"
          autoComplete="current-password"
          required
          value={current}
          onInput={(event) => setCurrent(event.currentTarget.value)}
          aria-invalid={wrongCurrent}
          aria-describedby={wrongCurrent ? 'current-password-wrong' : undefined}
        />
      </label>
      {wrongCurrent && (
        <p class="form-error" role="alert" id="current-password-wrong" data-testid="current-password-wrong">
          {t('account.currentPasswordWrong')}
        </p>
      )}
      <NewPasswordFields value={next} onChange={setNext} showProblem={tried} refusal={sameAsCurrent ? t('account.samePassword') : null} />
      <FormError code={formErrorCode} retryAfterSeconds={retryAfterSeconds} testId="password-change-error" />
      {changed && (
        <p class="form-success" role="status" data-testid="password-changed">
          {t('account.passwordChanged')}
        </p>
      )}
      <div class="settings-section__footer">
        <button type="submit" class="button button--primary" disabled={busy} aria-busy={busy}>
          {t('account.changePassword')}
        </button>
      </div>
    </form>
  );
}
