/** One SLA clock on screen: time left, warning in the last hour, how long it has been breached, or paused. */
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
    paused: t(clock.marginMs >= 0 ? 'sla.paused' : 'sla.pausedOverdue', { time }),
    met: t('sla.met'),
    met_late: t('sla.metLate', { time }),
  }[clock.state];
  return (
    <span
      class={`sla sla--${clock.state}`}
      data-testid="sla-badge"
      data-sla={clock.state}
      data-clock={clock.name}
      title={clock.state === 'paused' ? t('sla.pausedWhy') : undefined}
    >
      {withName && <span class="sla__name">{t('sla.named', { clock: t(`sla.${clock.name}`) })} </span>}
      {text}
    </span>
  );
}
