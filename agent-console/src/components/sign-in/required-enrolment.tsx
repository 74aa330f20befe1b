/** Sign-in on a site that requires two-step sign-in, for an agent who has not set it up: set it up now. */
import type { LoginResponse, SecondFactorChallenge, TwoFactorEnrolment as Enrolment } from '@parley/shared';
import { useEffect, useState } from 'preact/hooks';
import { useConsole, useT } from '../../state/console-context';
import { RecoveryCodesList, TwoFactorEnrolment } from '../account/two-factor-enrolment';
import { FormError } from './form-error';
import { useSubmit } from './use-submit';

export function RequiredEnrolment(props: { challenge: SecondFactorChallenge; onBack(): void }) {
  const app = useConsole();
  const t = useT();
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [session, setSession] = useState<LoginResponse | null>(null);
  const [codes, setCodes] = useState<string[]>([]);
  const { errorCode, retryAfterSeconds, run } = useSubmit();

  useEffect(() => {
    void run(async () => setEnrolment(await app.rest.beginChallengeEnrolment(props.challenge.challenge)));
  }, [props.challenge.challenge]);

  async function confirm(code: string): Promise<string[]> {
    const { recoveryCodes, ...signedIn } = await app.rest.completeChallengeEnrolment({ challenge: props.challenge.challenge, code });
    // Signed in only once the codes were seen: adopting now would replace this screen.
    setSession(signedIn);
    return recoveryCodes;
  }

  return (
    <div class="login__card login__card--wide" data-testid="required-enrolment" aria-labelledby="enrol-title" role="group">
      <p class="login__brand">{t('app.name')}</p>
      <h1 id="enrol-title">{t('login.enrolTitle')}</h1>
      <p class="login__subtitle">{t('login.enrolHint')}</p>
      <FormError code={errorCode} retryAfterSeconds={retryAfterSeconds} testId="required-enrolment-error" />
      {enrolment && !session && <TwoFactorEnrolment enrolment={enrolment} confirm={confirm} onEnabled={setCodes} onCancel={props.onBack} />}
      {session && codes.length > 0 && <RecoveryCodesList codes={codes} onDone={() => app.session.adopt(session)} />}
      {!enrolment && (
        <button type="button" class="button button--quiet button--wide" onClick={props.onBack}>
          {t('login.back')}
        </button>
      )}
    </div>
  );
}
