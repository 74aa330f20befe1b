/** Why the visitor's messages still say "Sending…": they sent too fast, and how long until they go (a lazy part). */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { useTranslation } from '../i18n-context';

export interface SendingHeldNoticeProps {
  /** When the held messages go (epoch ms). */
  until: number;
}

const secondsLeft = (until: number): number => Math.max(1, Math.ceil((until - Date.now()) / 1000));

export function SendingHeldNotice({ until }: SendingHeldNoticeProps) {
  const { t, lng, intl } = useTranslation();
  const [left, setLeft] = useState(() => secondsLeft(until));
  useEffect(() => {
    setLeft(secondsLeft(until));
    const timer = setInterval(() => setLeft(secondsLeft(until)), 1000);
    return () => clearInterval(timer);
  }, [until]);
  // "in 55 seconds", "через 55 секунд", "55秒钟后": the browser's words for the wait, in the visitor's language.
  // Where the browser has no data for it (Belarusian in Chromium), the nearest language's words would
  // land in the sentence ("праз через 55 секунд"): the sentence holds its own preposition instead and
  // takes the number with the unit's symbol, which the two languages share ("праз 55 с").
  const when = useMemo(() => {
    if (intl !== lng) {
      const symbol = new Intl.NumberFormat(intl, { style: 'unit', unit: 'second', unitDisplay: 'short' });
      return (seconds: number) => symbol.format(seconds);
    }
    const words = new Intl.RelativeTimeFormat(intl, { numeric: 'always' });
    return (seconds: number) => words.format(seconds, 'second');
  }, [intl, lng]);
  const sentence = (seconds: number): string => t('errors.tooFast', { when: when(seconds) });
  const announced = useMemo(() => sentence(secondsLeft(until)), [until, when]);
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
