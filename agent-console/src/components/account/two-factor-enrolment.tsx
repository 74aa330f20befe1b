/** Turning two-step sign-in on: scan the QR code (or type the key), confirm with a first code, keep the recovery codes. */
import type { TwoFactorEnrolment as Enrolment } from '@parley/shared';
import { useState } from 'preact/hooks';
import { useT } from '../../state/console-context';
import { CopyButton } from '../copy-button';
import { FormError } from '../sign-in/form-error';
import { useSubmit } from '../sign-in/use-submit';

/** The server's SVG as an image: drawn, never parsed into the page. */
const svgSource = (svg: string) => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;

export interface TwoFactorEnrolmentProps {
  enrolment: Enrolment;
  /** Sends the first code; answers the recovery codes once two-step sign-in is on. */
  confirm(code: string): Promise<string[]>;
  onEnabled(recoveryCodes: string[]): void;
  onCancel(): void;
}

export function TwoFactorEnrolment(props: TwoFactorEnrolmentProps) {
  const t = useT();
  const [code, setCode] = useState('');
  const { busy, errorCode, retryAfterSeconds, run } = useSubmit();
  const key = props.enrolment.secret.replace(/(.{4})(?=.)/g, '$1 ');

  function submit(event: Event) {
    event.preventDefault();
    void run(async () => props.onEnabled(await props.confirm(code.trim())));
  }

  return (
    <form class="two-factor-enrolment" onSubmit={submit} data-testid="two-factor-enrolment">
      <h3 class="two-factor-enrolment__title">{t('account.scanTitle')}</h3>
      <img class="two-factor-enrolment__qr" src={svgSource(props.enrolment.qrSvg)} alt={t('account.qrAlt')} width={200} height={200} data-testid="two-factor-qr" />
      <p class="settings-section__description">{t('account.secretHint')}</p>
      <code class="secret" dir="ltr" data-testid="two-factor-secret" data-secret={props.enrolment.secret}>
        {key}
      </code>
      <CopyButton text={props.enrolment.secret} testId="copy-two-factor-secret" />
      <label class="field">
        <span class="field__label">{t('account.confirmCode')}</span>
        <input
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          required
          maxLength={8}
          value={code}
          onInput={(event) => setCode(event.currentTarget.value)}
          aria-invalid={errorCode === 'INVALID_CODE'}
        />
      </label>
      <FormError code={errorCode} retryAfterSeconds={retryAfterSeconds} testId="two-factor-confirm-error" />
      <div class="settings-section__footer">
        <button type="button" class="button button--quiet" onClick={props.onCancel}>
          {t('common.cancel')}
        </button>
        <button type="submit" class="button button--primary" disabled={busy} aria-busy={busy}>
          {t('account.confirm')}
        </button>
      </div>
    </form>
  );
}

export function RecoveryCodesList(props: { codes: string[]; onDone(): void }) {
  const t = useT();
  return (
    <div class="two-factor-enrolment" role="status" data-testid="recovery-codes">
      <h3 class="two-factor-enrolment__title">{t('account.recoveryTitle')}</h3>
      <p class="settings-section__description">{t('account.recoveryHint')}</p>
      <ol class="recovery-codes" dir="ltr">
        {props.codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <div class="settings-section__footer">
        <CopyButton text={props.codes.join('\n')} testId="copy-recovery-codes" />
        <button type="button" class="button button--primary" onClick={props.onDone} data-testid="recovery-codes-saved">
          {t('account.recoverySaved')}
        </button>
      </div>
    </div>
  );
}
