/** A form's translated failure, announced to screen readers. */
import { formatLocale, type ErrorCode } from '@parley/shared';
import { useConsole } from '../../state/console-context';

export interface FormErrorProps {
  code: ErrorCode | null;
  /** A refusal over a limit that says how long it lasts: "try again in 15 minutes", not "wait a moment". */
  retryAfterSeconds?: number | null;
  testId: string;
}

/** The wait as people say it, in the agent's language ("in 15 minutes", "через 15 минут"), rounded up. */
function inWords(seconds: number, language: string): string {
  const format = new Intl.RelativeTimeFormat(formatLocale(language), { numeric: 'always' });
  if (seconds < 120) return format.format(Math.max(1, Math.ceil(seconds)), 'second');
  if (seconds < 2 * 3600) return format.format(Math.ceil(seconds / 60), 'minute');
  return format.format(Math.ceil(seconds / 3600), 'hour');
}

export function FormError({ code, retryAfterSeconds, testId }: FormErrorProps) {
  const { translator } = useConsole();
  if (!code) return null;
  const text =
    code === 'RATE_LIMITED' && retryAfterSeconds
      ? translator.t('errors.tryAgainIn', { when: inWords(retryAfterSeconds, translator.language.value) })
      : translator.t(`errors.${code}`);
  return (
    <p class="form-error" role="alert" data-testid={testId} data-code={code}>
      {text}
    </p>
  );
}
