/** How chats reach agents: routing mode, the answer timeout, the wait limit, the default department. */
import type { SiteSettings, SiteSettingsPatch } from '@parley/shared';
import { useState } from 'preact/hooks';
import { useLive, useT } from '../../../state/console-context';
import { isWithin, NumberField, SettingsSection } from './settings-section';

const ASSIGN = { min: 10, max: 3600 };
const WAIT = { min: 30, max: 24 * 3600 };
const AUTO_CLOSE = { min: 1, max: 365 };
const REMIND = { min: 1, max: 90 };

export interface SettingsPartProps {
  settings: SiteSettings;
  save(patch: SiteSettingsPatch): Promise<void>;
  readOnly: boolean;
}

export function RoutingSettings({ settings, save, readOnly }: SettingsPartProps) {
  const live = useLive();
  const t = useT();
  const [mode, setMode] = useState(settings.routingMode);
  const [assign, setAssign] = useState(String(settings.assignTimeoutSeconds));
  const [wait, setWait] = useState(String(settings.waitLimitSeconds));
  const [department, setDepartment] = useState(settings.defaultDepartmentId ?? '');

  const patch = (): SiteSettingsPatch | null =>
    isWithin(assign, ASSIGN) && isWithin(wait, WAIT)
      ? {
          routingMode: mode,
          assignTimeoutSeconds: Number(assign),
          waitLimitSeconds: Number(wait),
          defaultDepartmentId: department || null,
        }
      : null;

  return (
    <SettingsSection
      id="routing"
      title={t('settings.routing.title')}
      patch={patch}
      save={save}
      readOnly={readOnly}
    >
      <fieldset class="field fieldset">
        <legend class="field__label">{t('settings.routing.mode')}</legend>
        {(['auto', 'pick'] as const).map((value) => (
          <label key={value} class="check check--block">
            <input
              type="radio"
              name="routing-mode"
              value={value}
              checked={mode === value}
              onChange={() => setMode(value)}
            />
            <span>
              <strong>{t(`settings.routing.${value}`)}</strong>
              <span class="field__hint">{t(`settings.routing.${value}Hint`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <div class="field-row">
        <NumberField
          label={t('settings.routing.assignTimeout')}
          hint={t('settings.routing.assignTimeoutHint')}
          value={assign}
          {...ASSIGN}
          onInput={setAssign}
          testId="assign-timeout"
        />
        <NumberField
          label={t('settings.routing.waitLimit')}
          hint={t('settings.routing.waitLimitHint')}
          value={wait}
          {...WAIT}
          onInput={setWait}
          testId="wait-limit"
        />
      </div>
      <label class="field">
        <span class="field__label">{t('settings.routing.defaultDepartment')}</span>
        <select value={department} onChange={(e) => setDepartment(e.currentTarget.value)}>
          <option value="">{t('ticket.noDepartment')}</option>
          {live.departments.list.value.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
      </label>
    </SettingsSection>
  );
}

export function TicketAutomationSettings({ settings, save, readOnly }: SettingsPartProps) {
  const t = useT();
  const [close, setClose] = useState(String(settings.autoCloseSolvedAfterDays));
  const [remind, setRemind] = useState(String(settings.pendingReminderAfterDays));
  const patch = (): SiteSettingsPatch | null =>
    isWithin(close, AUTO_CLOSE) && isWithin(remind, REMIND)
      ? { autoCloseSolvedAfterDays: Number(close), pendingReminderAfterDays: Number(remind) }
      : null;
  return (
    <SettingsSection
      id="automation"
      title={t('settings.automation.title')}
      patch={patch}
      save={save}
      readOnly={readOnly}
    >
      <div class="field-row">
        <NumberField
          label={t('settings.automation.autoClose')}
          hint={t('settings.automation.autoCloseHint')}
          value={close}
          {...AUTO_CLOSE}
          onInput={setClose}
          testId="auto-close-days"
        />
        <NumberField
          label={t('settings.automation.remind')}
          hint={t('settings.automation.remindHint')}
          value={remind}
          {...REMIND}
          onInput={setRemind}
          testId="reminder-days"
        />
      </div>
    </SettingsSection>
  );
}
