/** One SLA clock on screen: time left, warning in the last hour, or how long it has been breached. */
import { useConsole } from '../../state/console-context';
import { formatDuration, type SlaClock } from './sla';

export function SlaBadge({ clock, withName = true }: { clock: SlaClock; withName?: boolean }) {
  const { translator } = useConsole();
  const t = translator.t;
  if (clock.state === 'none') return null;
  const time = formatDuration(clock.marginMs, translator.language.value);
  const text = {
    running: t('sla.left', { time }),
    soon: t('sla.left', { time }),
    breached: t('sla.breachedFor', { time }),
    met: t('sla.met'),
    met_late: t('sla.metLate', { time }),
  }[clock.state];
  return (
    <span
      class={`sla sla--${clock.state}`}
      data-testid="sla-badge"
      data-sla={clock.state}
      data-clock={clock.name}
    >
      {withName && <span class="sla__name">{t('sla.named', { clock: t(`sla.${clock.name}`) })} </span>}
      {text}
    </span>
  );
}
