/** Two-step sign-in on the account page: its state, turning it on (enrolment), and off (password and a code). */
import type { TwoFactorEnrolment as Enrolment, TwoFactorStatus } from '@parley/shared';
import { useEffect, useState } from 'preact/hooks';
import { useConsole, useT } from '../../state/console-context';
import { FormError } from '../sign-in/form-error';
import { useSubmit } from '../sign-in/use-submit';
import { RecoveryCodesList, TwoFactorEnrolment } from './two-factor-enrolment';

type Stage = { kind: 'status' } | { kind: 'enrolling'; enrolment: Enrolment } | { kind: 'codes'; codes: string[] } | { kind: 'disabling' };

function DisableForm(props: { onDone(): void; onCancel(): void }) {
  const app = useConsole();
  const t = useT();
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const { busy, errorCode, retryAfterSeconds, run } = useSubmit();
  function submit(event: Event) {
    event.preventDefault();
    const token = app.session.token.value ?? '';
    void run(() => app.rest.disableTwoFactor(token, { password, code: code.trim() })).then((ok) => ok && props.onDone());
  }
  return (
    <form class="two-factor-enrolment" onSubmit={submit} data-testid="two-factor-disable">
      <p class="settings-section__description">{t('account.turnOffHint')}</p>
      <label class="field">
        <span class="field__label">{t('login.password')}</span>
        <input type="password" name="password" autoComplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
      </label>
      <label class="field">
        <span class="field__label">{t('login.code')}</span>
        <input name="code" autoComplete="one-time-code" required maxLength={32} value={code} onInput={(e) => setCode(e.currentTarget.value)} />
      </label>
      <FormError code={errorCode} retryAfterSeconds={retryAfterSeconds} testId="two-factor-disable-error" />
      <div class="settings-section__footer">
        <button type="button" class="button button--quiet" onClick={props.onCancel}>
          {t('common.cancel')}
        </button>
        <button type="submit" class="button button--danger" disabled={busy} aria-busy={busy}>
          {t('account.turnOffConfirm')}
        </button>
      </div>
    </form>
  );
}

export function TwoFactorSettings() {
  const app = useConsole();
  const t = useT();
  const token = app.session.token.value ?? '';
  const [status, setStatus] = useState<TwoFactorStatus | null>(null);
  const [stage, setStage] = useState<Stage>({ kind: 'status' });
  const { busy, errorCode, retryAfterSeconds, run } = useSubmit();

  const refresh = () => run(async () => setStatus(await app.rest.twoFactorStatus(token)));
  useEffect(() => {
    void refresh();
  }, [token]);

  function begin() {
    void run(async () => setStage({ kind: 'enrolling', enrolment: await app.rest.beginTwoFactor(token) }));
  }
  const backToStatus = () => {
    setStage({ kind: 'status' });
    void refresh();
  };

  return (
    <section class="settings-section" aria-labelledby="two-factor-title" data-testid="two-factor-settings" data-enabled={status?.enabled ?? ''}>
      <h2 class="settings-section__title" id="two-factor-title">{t('account.twoFactorTitle')}</h2>
      {status && stage.kind === 'status' && (
        <>
          <p class="settings-section__description" data-testid="two-factor-state">
            {status.enabled ? t('account.twoFactorOn') : t('account.twoFactorOff')}
          </p>
          {status.enabled && <p class="settings-section__description">{t('account.recoveryLeft', { left: status.recoveryCodesLeft })}</p>}
          <div class="settings-section__footer">
            {status.enabled ? (
              <button type="button" class="button" onClick={() => setStage({ kind: 'disabling' })}>
                {t('account.turnOff')}
              </button>
            ) : (
              <button type="button" class="button button--primary" onClick={begin} disabled={busy} data-testid="two-factor-turn-on">
                {t('account.turnOn')}
              </button>
            )}
          </div>
        </>
      )}
      <FormError code={errorCode} retryAfterSeconds={retryAfterSeconds} testId="two-factor-error" />
      {stage.kind === 'enrolling' && (
        <TwoFactorEnrolment
          enrolment={stage.enrolment}
          confirm={async (code) => (await app.rest.confirmTwoFactor(token, code)).recoveryCodes}
          onEnabled={(codes) => setStage({ kind: 'codes', codes })}
          onCancel={backToStatus}
        />
      )}
      {stage.kind === 'codes' && <RecoveryCodesList codes={stage.codes} onDone={backToStatus} />}
      {stage.kind === 'disabling' && <DisableForm onDone={backToStatus} onCancel={backToStatus} />}
    </section>
  );
}
