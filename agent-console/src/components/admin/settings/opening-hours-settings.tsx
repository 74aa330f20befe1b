/** When the team is open: always, or weekly hours in a time zone, with holidays. */
import { formatLocale } from '@parley/shared';
import type { OpeningHours, SiteSettingsPatch, Weekday } from '@parley/shared';
import { useState } from 'preact/hooks';
import { useConsole } from '../../../state/console-context';
import type { SettingsPartProps } from './routing-settings';
import { SettingsSection } from './settings-section';
import {
  defaultOpeningHours,
  fromField,
  MAX_HOLIDAYS,
  MAX_RANGES_PER_DAY,
  OFFICE_HOURS,
  rangeIsValid,
  timeZones,
  toField,
  weekdayName,
  WEEKDAYS,
  type RangeDraft,
  type WeekDraft,
} from './opening-hours';

function DayRow(props: { day: Weekday; ranges: RangeDraft[]; onChange(ranges: RangeDraft[]): void }) {
  const { translator } = useConsole();
  const t = translator.t;
  const name = weekdayName(props.day, translator.language.value);
  const set = (index: number, patch: Partial<RangeDraft>) =>
    props.onChange(props.ranges.map((range, i) => (i === index ? { ...range, ...patch } : range)));
  return (
    <div class="hours-day" role="group" aria-label={name} data-testid={`hours-${props.day}`}>
      <span class="hours-day__name">{name}</span>
      <div class="hours-day__ranges">
        {props.ranges.length === 0 && <span class="muted">{t('settings.hours.closed')}</span>}
        {props.ranges.map((range, index) => (
          <span key={index} class="hours-range">
            <input
              type="time"
              step={60}
              value={range.from}
              aria-label={t('settings.hours.from', { day: name })}
              aria-invalid={!rangeIsValid(range)}
              onInput={(e) => set(index, { from: e.currentTarget.value })}
            />
            <span aria-hidden="true">–</span>
            <input
              type="time"
              step={60}
              value={range.to}
              aria-label={t('settings.hours.to', { day: name })}
              aria-invalid={!rangeIsValid(range)}
              onInput={(e) => set(index, { to: e.currentTarget.value })}
            />
            <button
              type="button"
              class="button button--small button--quiet"
              aria-label={t('settings.hours.removeRange', { day: name })}
              onClick={() => props.onChange(props.ranges.filter((_, i) => i !== index))}
            >
              ×
            </button>
          </span>
        ))}
        {props.ranges.length < MAX_RANGES_PER_DAY && (
          <button
            type="button"
            class="button button--small"
            aria-label={t('settings.hours.addRangeFor', { day: name })}
            onClick={() => props.onChange([...props.ranges, { ...OFFICE_HOURS }])}
          >
            {t('settings.hours.addRange')}
          </button>
        )}
      </div>
    </div>
  );
}

function Holidays(props: { dates: string[]; onChange(dates: string[]): void }) {
  const { translator } = useConsole();
  const t = translator.t;
  const [date, setDate] = useState('');
  const format = (iso: string) =>
    new Intl.DateTimeFormat(formatLocale(translator.language.value), { dateStyle: 'medium', timeZone: 'UTC' }).format(
      new Date(`${iso}T00:00:00Z`),
    );
  function add() {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || props.dates.includes(date) || props.dates.length >= MAX_HOLIDAYS)
      return;
    props.onChange([...props.dates, date].sort());
    setDate('');
  }
  return (
    <fieldset class="field fieldset">
      <legend class="field__label">{t('settings.hours.holidays')}</legend>
      <ul class="tags" data-testid="holiday-list">
        {props.dates.map((iso) => (
          <li key={iso} class="tag">
            <time dateTime={iso}>{format(iso)}</time>
            <button
              type="button"
              class="tag__remove"
              aria-label={t('settings.hours.removeHoliday', { date: format(iso) })}
              onClick={() => props.onChange(props.dates.filter((d) => d !== iso))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <span class="inline-form">
        <input
          type="date"
          value={date}
          aria-label={t('settings.hours.holidayDate')}
          onInput={(e) => setDate(e.currentTarget.value)}
          data-testid="holiday-date"
        />
        <button type="button" class="button button--small" onClick={add} disabled={!date}>
          {t('settings.hours.addHoliday')}
        </button>
      </span>
      <span class="field__hint">{t('settings.hours.holidaysHint')}</span>
    </fieldset>
  );
}

/**
 * A day's ranges in time order, as they are saved and then shown: "Add hours" appends a row at the
 * end, so a morning added to an afternoon would otherwise be stored after it.
 */
function inTimeOrder(ranges: RangeDraft[]): RangeDraft[] {
  const key = (r: RangeDraft) => `${fromField(r.from, false)}-${fromField(r.to, true)}`;
  return [...ranges].sort((a, b) => key(a).localeCompare(key(b)));
}

function draftOf(hours: OpeningHours): WeekDraft {
  return Object.fromEntries(
    WEEKDAYS.map((day) => [day, hours.week[day].map((r) => ({ from: toField(r.from), to: toField(r.to) }))]),
  ) as WeekDraft;
}

export function OpeningHoursSettings({ settings, save, readOnly }: SettingsPartProps) {
  const { translator } = useConsole();
  const t = translator.t;
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const initial = settings.openingHours ?? defaultOpeningHours(browserZone);
  const [alwaysOpen, setAlwaysOpen] = useState(settings.openingHours === null);
  const [timeZone, setTimeZone] = useState(initial.timeZone);
  const [week, setWeek] = useState<WeekDraft>(() => draftOf(initial));
  const [holidays, setHolidays] = useState(initial.holidays);
  const valid = WEEKDAYS.every((day) => week[day].every(rangeIsValid));

  const sortedWeek = () => Object.fromEntries(WEEKDAYS.map((day) => [day, inTimeOrder(week[day])])) as WeekDraft;
  const patch = (): SiteSettingsPatch | null => {
    if (alwaysOpen) return { openingHours: null };
    if (!valid) return null;
    const toServer = (r: RangeDraft) => ({ from: fromField(r.from, false), to: fromField(r.to, true) });
    const sorted = sortedWeek();
    const serverWeek = Object.fromEntries(
      WEEKDAYS.map((day) => [day, sorted[day].map(toServer)]),
    ) as OpeningHours['week'];
    return { openingHours: { timeZone, week: serverWeek, holidays } };
  };

  const copyMondayToWeekdays = () =>
    setWeek((current) => ({
      ...current,
      tue: [...current.mon],
      wed: [...current.mon],
      thu: [...current.mon],
      fri: [...current.mon],
    }));

  return (
    <SettingsSection
      id="hours"
      title={t('settings.hours.title')}
      description={t('settings.hours.explain')}
      patch={patch}
      // Saving shows each day's ranges in the order they were saved in.
      onTry={() => {
        if (valid && !alwaysOpen) setWeek(sortedWeek());
      }}
      save={save}
      readOnly={readOnly}
    >
      <label class="check">
        <input
          type="checkbox"
          checked={alwaysOpen}
          onChange={(e) => setAlwaysOpen(e.currentTarget.checked)}
          data-testid="always-open"
        />
        {t('settings.hours.alwaysOpen')}
      </label>
      {!alwaysOpen && (
        <>
          <label class="field">
            <span class="field__label">{t('settings.hours.timeZone')}</span>
            <select
              value={timeZone}
              onChange={(e) => setTimeZone(e.currentTarget.value)}
              data-testid="time-zone"
            >
              {timeZones(timeZone).map((zone) => (
                <option key={zone} value={zone}>
                  {zone.replace(/_/g, ' ')}
                </option>
              ))}
            </select>
          </label>
          <div class="hours-week">
            {WEEKDAYS.map((day) => (
              <DayRow
                key={day}
                day={day}
                ranges={week[day]}
                onChange={(ranges) => setWeek((current) => ({ ...current, [day]: ranges }))}
              />
            ))}
          </div>
          <button type="button" class="button button--small hours-copy" onClick={copyMondayToWeekdays}>
            {t('settings.hours.copyMonday')}
          </button>
          {!valid && (
            <p class="form-error" role="alert">
              {t('settings.hours.invalid')}
            </p>
          )}
          <Holidays dates={holidays} onChange={setHolidays} />
        </>
      )}
    </SettingsSection>
  );
}
