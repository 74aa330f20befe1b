/** Data retention: off (keep everything), or purge resolved chats some days after their last activity. */
import type { SiteSettingsPatch } from '@parley/shared';
import { useState } from 'preact/hooks';
import { useT } from '../../../state/console-context';
import type { SettingsPartProps } from './routing-settings';
import { isWithin, NumberField, SettingsSection } from './settings-section';

const RETENTION = { min: 1, max: 3650 };
const SUGGESTED_DAYS = 365;

export function RetentionSettings({ settings, save, readOnly }: SettingsPartProps) {
  const t = useT();
  const [on, setOn] = useState(settings.retentionDays !== null);
  const [days, setDays] = useState(String(settings.retentionDays ?? SUGGESTED_DAYS));
  const patch = (): SiteSettingsPatch | null => {
    if (!on) return { retentionDays: null };
    return isWithin(days, RETENTION) ? { retentionDays: Number(days) } : null;
  };
  return (
    <SettingsSection
      id="retention"
      title={t('settings.retention.title')}
      description={t('settings.retention.explain')}
      patch={patch}
      save={save}
      readOnly={readOnly}
    >
      <label class="check">
        <input type="checkbox" checked={on} onChange={(e) => setOn(e.currentTarget.checked)} data-testid="retention-on" />
        {t('settings.retention.enable')}
      </label>
      {on && (
        <NumberField
          label={t('settings.retention.days')}
          hint={t('settings.retention.hint')}
          value={days}
          {...RETENTION}
          onInput={setDays}
          testId="retention-days"
        />
      )}
    </SettingsSection>
  );
}
