/** Why the visitor's messages still say "Sending…": they sent too fast, and how long until they go (a lazy part). */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { useTranslation } from '../i18n-context';

export interface SendingHeldNoticeProps {
  /** When the held messages go (epoch ms). */
  until: number;
}

const secondsLeft = (until: number): number => Math.max(1, Math.ceil((until - Date.now()) / 1000));

export function SendingHeldNotice({ until }: SendingHeldNoticeProps) {
  const { t, intl } = useTranslation();
  const [left, setLeft] = useState(() => secondsLeft(until));
  useEffect(() => {
    setLeft(secondsLeft(until));
    const timer = setInterval(() => setLeft(secondsLeft(until)), 1000);
    return () => clearInterval(timer);
  }, [until]);
  // "in 55 seconds", "через 55 секунд", "55秒钟后": the browser's words for the wait, in the visitor's language.
  const format = useMemo(() => new Intl.RelativeTimeFormat(intl, { numeric: 'always' }), [intl]);
  const sentence = (seconds: number): string => t('errors.tooFast', { when: format.format(seconds, 'second') });
  const announced = useMemo(() => sentence(secondsLeft(until)), [until, format]);
  return (
    <div class="notice" data-testid="sending-held">
      {/* The countdown is for the eyes; a screen reader hears the sentence once, not every second. */}
      <span aria-hidden="true">{sentence(left)}</span>
      <span role="status" class="visually-hidden">
        {announced}
      </span>
    </div>
  );
}

export default SendingHeldNotice;
