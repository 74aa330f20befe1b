/** SLA targets per tier and priority: minutes to the first response and to the resolution. */
import { slaTargetProblems, type SiteSettings, type SiteSettingsPatch, type SlaTarget, type TicketPriority } from '@parley/shared';
import { useState } from 'preact/hooks';
import { useConsole } from '../../../state/console-context';
import { formatDuration } from '../../tickets/sla';
import { PRIORITIES, priorityLabel, tierLabel } from '../../tickets/ticket-values';
import type { SettingsPartProps } from './routing-settings';
import { isWithin, SettingsSection } from './settings-section';

type TierKey = '1' | '2' | '3';
type Kind = keyof SlaTarget;
const TIER_KEYS = ['1', '2', '3'] as const satisfies readonly TierKey[];
const KINDS = ['firstResponseMinutes', 'resolutionMinutes'] as const satisfies readonly Kind[];
const BOUNDS: Record<Kind, { min: number; max: number }> = {
  firstResponseMinutes: { min: 1, max: 60 * 24 * 30 },
  resolutionMinutes: { min: 1, max: 60 * 24 * 90 },
};

type Draft = Record<TierKey, Record<TicketPriority, Record<Kind, string>>>;

function draftOf(sla: SiteSettings['sla']): Draft {
  const tier = (key: TierKey) =>
    Object.fromEntries(
      PRIORITIES.map((p) => [
        p,
        {
          firstResponseMinutes: String(sla[key][p].firstResponseMinutes),
          resolutionMinutes: String(sla[key][p].resolutionMinutes),
        },
      ]),
    ) as Draft[TierKey];
  return { '1': tier('1'), '2': tier('2'), '3': tier('3') };
}

function toSla(draft: Draft): SiteSettings['sla'] {
  const tier = (key: TierKey) =>
    Object.fromEntries(
      PRIORITIES.map((p) => [
        p,
        {
          firstResponseMinutes: Number(draft[key][p].firstResponseMinutes),
          resolutionMinutes: Number(draft[key][p].resolutionMinutes),
        },
      ]),
    ) as SiteSettings['sla'][TierKey];
  return { '1': tier('1'), '2': tier('2'), '3': tier('3') };
}

export function SlaSettings({ settings, save, readOnly }: SettingsPartProps) {
  const { translator } = useConsole();
  const t = translator.t;
  const [draft, setDraft] = useState<Draft>(() => draftOf(settings.sla));
  const valid = TIER_KEYS.every((tier) =>
    PRIORITIES.every((p) => KINDS.every((kind) => isWithin(draft[tier][p][kind], BOUNDS[kind]))),
  );
  // The rule the server holds too (shared): a resolution due before the first response is refused.
  const resolutionTooSoon = new Set(slaTargetProblems(toSla(draft)).map((problem) => problem.path.join('.')));
  const patch = (): SiteSettingsPatch | null => (valid && resolutionTooSoon.size === 0 ? { sla: toSla(draft) } : null);

  function set(cell: { tier: TierKey; priority: TicketPriority; kind: Kind }, value: string) {
    setDraft((current) => ({
      ...current,
      [cell.tier]: {
        ...current[cell.tier],
        [cell.priority]: { ...current[cell.tier][cell.priority], [cell.kind]: value },
      },
    }));
  }

  return (
    <SettingsSection
      id="sla"
      title={t('settings.sla.title')}
      description={t('settings.sla.explain')}
      patch={patch}
      save={save}
      readOnly={readOnly}
    >
      <div class="admin-table__scroller">
        <table class="sla-table" data-testid="sla-table">
          <thead>
            <tr>
              <th scope="col" rowSpan={2}>
                {t('ticket.priorityLabel')}
              </th>
              {TIER_KEYS.map((tier) => (
                <th key={tier} scope="colgroup" colSpan={2}>
                  {tierLabel(t, Number(tier))}
                </th>
              ))}
            </tr>
            <tr>
              {TIER_KEYS.map((tier) =>
                KINDS.map((kind) => (
                  <th key={`${tier}-${kind}`} scope="col" class="sla-table__kind">
                    {t(`settings.sla.${kind}`)}
                  </th>
                )),
              )}
            </tr>
          </thead>
          <tbody>
            {PRIORITIES.map((priority) => (
              <tr key={priority}>
                <th scope="row">{priorityLabel(t, priority)}</th>
                {TIER_KEYS.map((tier) =>
                  KINDS.map((kind) => {
                    const value = draft[tier][priority][kind];
                    const tooSoon = resolutionTooSoon.has(`sla.${tier}.${priority}.${kind}`);
                    const ok = isWithin(value, BOUNDS[kind]) && !tooSoon;
                    const problemId = `sla-${tier}-${priority}-${kind}-problem`;
                    const label = t('settings.sla.cell', {
                      tier,
                      priority: priorityLabel(t, priority),
                      kind: t(`settings.sla.${kind}`),
                    });
                    return (
                      <td key={`${tier}-${kind}`}>
                        <input
                          type="number"
                          min={BOUNDS[kind].min}
                          max={BOUNDS[kind].max}
                          required
                          value={value}
                          aria-label={label}
                          aria-invalid={!ok}
                          aria-describedby={tooSoon ? problemId : undefined}
                          onInput={(e) => set({ tier, priority, kind }, e.currentTarget.value)}
                          data-testid={`sla-${tier}-${priority}-${kind}`}
                        />
                        <span class="sla-table__human">
                          {isWithin(value, BOUNDS[kind]) ? formatDuration(Number(value) * 60_000, translator.language.value) : '—'}
                        </span>
                        {tooSoon && (
                          <span id={problemId} class="field__hint field__hint--error" role="alert">
                            {t('settings.sla.resolutionBeforeFirstResponse')}
                          </span>
                        )}
                      </td>
                    );
                  }),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </SettingsSection>
  );
}
