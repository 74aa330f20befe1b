/**
 * What the report covers: the last 7, 30 or 90 days or chosen dates, in a time zone (the
 * browser's unless changed), and for admins one agent or one department.
 */
import { formatLocale } from '@parley/shared';
import { useMemo } from 'preact/hooks';
import { useInsightT } from '../../i18n/use-insight-t';
import { useConsole, useLive } from '../../state/console-context';
import {
  PERIOD_PRESETS,
  periodProblem,
  todayIn,
  type AnalyticsStore,
  type PeriodPreset,
} from '../../state/analytics.store';

function timeZones(current: string): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set([current, 'UTC', ...known])].sort();
}

/** "1 – 30 Mar 2030" in the reader's language. */
export function periodText(from: string, to: string, locale: string): string {
  const format = new Intl.DateTimeFormat(formatLocale(locale), { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' });
  const start = new Date(`${from}T00:00:00Z`);
  const end = new Date(`${to}T00:00:00Z`);
  return from === to ? format.format(start) : format.formatRange(start, end);
}

function PresetButtons({ store }: { store: AnalyticsStore }) {
  const t = useInsightT();
  const preset = store.selection.value.preset;
  const options: PeriodPreset[] = [...PERIOD_PRESETS, 'custom'];
  return (
    <div class="segmented" role="group" aria-label={t('analytics.period.label')}>
      {options.map((option) => (
        <button
          key={option}
          type="button"
          class="segmented__option"
          aria-pressed={preset === option}
          onClick={() => void store.select({ preset: option })}
          data-testid={`analytics-preset-${option}`}
        >
          {t(`analytics.period.${option === 'custom' ? 'custom' : `last${option}`}`)}
        </button>
      ))}
    </div>
  );
}

function PeopleFilters({ store }: { store: AnalyticsStore }) {
  const live = useLive();
  const t = useInsightT();
  const selection = store.selection.value;
  const agents = [...live.agents.byId.value.values()].sort((a, b) => a.name.localeCompare(b.name));
  const departments = live.departments.list.value;
  return (
    <>
      <label class="field">
        <span class="field__label">{t('analytics.filters.agent')}</span>
        <select value={selection.agentId} onChange={(e) => void store.select({ agentId: e.currentTarget.value })} data-testid="analytics-agent">
          <option value="">{t('analytics.filters.everyone')}</option>
          {agents.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        <span class="field__label">{t('analytics.filters.department')}</span>
        <select
          value={selection.departmentId}
          onChange={(e) => void store.select({ departmentId: e.currentTarget.value })}
          data-testid="analytics-department"
        >
          <option value="">{t('analytics.filters.allDepartments')}</option>
          {departments.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}

export function PeriodPicker({ store, isAdmin }: { store: AnalyticsStore; isAdmin: boolean }) {
  const t = useInsightT();
  const locale = useConsole().translator.language.value;
  const selection = store.selection.value;
  const zones = useMemo(() => timeZones(selection.timeZone), [selection.timeZone]);
  const today = todayIn(selection.timeZone);
  return (
    <div class="insight-filters" data-testid="analytics-filters">
      <div class="field">
        <span class="field__label">{t('analytics.period.label')}</span>
        <PresetButtons store={store} />
      </div>
      {selection.preset === 'custom' && (
        <>
          <label class="field">
            <span class="field__label">{t('analytics.period.from')}</span>
            <input
              type="date"
              value={selection.from}
              max={today}
              onChange={(e) => void store.select({ from: e.currentTarget.value })}
              data-testid="analytics-from"
            />
          </label>
          <label class="field">
            <span class="field__label">{t('analytics.period.to')}</span>
            <input
              type="date"
              value={selection.to}
              max={today}
              onChange={(e) => void store.select({ to: e.currentTarget.value })}
              data-testid="analytics-to"
            />
          </label>
        </>
      )}
      <label class="field">
        <span class="field__label">{t('analytics.period.timeZone')}</span>
        <select value={selection.timeZone} onChange={(e) => void store.select({ timeZone: e.currentTarget.value })} data-testid="analytics-time-zone">
          {zones.map((zone) => (
            <option key={zone} value={zone}>
              {zone.replace(/_/g, ' ')}
            </option>
          ))}
        </select>
      </label>
      {isAdmin ? <PeopleFilters store={store} /> : <p class="insight-filters__note">{t('analytics.filters.own')}</p>}
      <p class="insight-filters__summary" data-testid="analytics-period">
        {periodProblem(selection.from, selection.to) ? '' : periodText(selection.from, selection.to, locale)}
      </p>
    </div>
  );
}
