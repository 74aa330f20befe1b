/** A new password typed twice; the form may submit only when both agree and it is long enough. */
import type { PASSWORD_MIN_LENGTH as SERVER_MIN_LENGTH } from '@parley/shared';
import { useT } from '../../state/console-context';

// The server's rule, typed against it (the shared constant is a literal type), so zod stays out of the bundle.
const PASSWORD_MIN_LENGTH: typeof SERVER_MIN_LENGTH = 10;

export interface NewPassword {
  password: string;
  repeat: string;
}

export const newPasswordProblem = (value: NewPassword): 'short' | 'mismatch' | null =>
  value.password.length < PASSWORD_MIN_LENGTH ? 'short' : value.password !== value.repeat ? 'mismatch' : null;

export interface NewPasswordFieldsProps {
  value: NewPassword;
  onChange(value: NewPassword): void;
  showProblem: boolean;
  /** The server's refusal of this new password, already translated: said by the new-password field. */
  refusal?: string | null;
}

export function NewPasswordFields(props: NewPasswordFieldsProps) {
  const t = useT();
  const problem = props.showProblem ? newPasswordProblem(props.value) : null;
  const refusal = props.refusal ?? null;
  return (
    <>
      <label class="field">
        <span class="field__label">{t('password.new')}</span>
        <input
          type="password"
          name="new-password"
          autoComplete="new-password"
          required
          minLength={PASSWORD_MIN_LENGTH}
          value={props.value.password}
          onInput={(event) => props.onChange({ ...props.value, password: event.currentTarget.value })}
          aria-invalid={problem === 'short' || refusal !== null}
          aria-describedby={refusal === null ? 'new-password-rule' : 'new-password-rule new-password-refusal'}
        />
      </label>
      <span class="field__hint" id="new-password-rule">
        {t('password.rule', { min: PASSWORD_MIN_LENGTH })}
      </span>
      {refusal !== null && (
        <p class="form-error" role="alert" id="new-password-refusal" data-testid="new-password-refused">
          {refusal}
        </p>
      )}
      <label class="field">
        <span class="field__label">{t('password.repeat')}</span>
        <input
          type="password"
          name="repeat-password"
          autoComplete="new-password"
          required
          value={props.value.repeat}
          onInput={(event) => props.onChange({ ...props.value, repeat: event.currentTarget.value })}
          aria-invalid={problem === 'mismatch'}
        />
      </label>
      {problem && (
        <p class="form-error" role="alert" data-testid="new-password-problem">
          {t(`password.${problem}`)}
        </p>
      )}
    </>
  );
}
