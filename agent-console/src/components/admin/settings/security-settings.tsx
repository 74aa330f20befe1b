/** Whether every agent of the site must sign in with a second factor. */
import { useState } from 'preact/hooks';
import { useT } from '../../../state/console-context';
import type { SettingsPartProps } from './routing-settings';
import { SettingsSection } from './settings-section';

export function SecuritySettings({ settings, save, readOnly }: SettingsPartProps) {
  const t = useT();
  const [required, setRequired] = useState(settings.requireTwoFactor);
  return (
    <SettingsSection id="security" title={t('settings.security.title')} patch={() => ({ requireTwoFactor: required })} save={save} readOnly={readOnly}>
      <label class="check check--block">
        <input type="checkbox" checked={required} onChange={(event) => setRequired(event.currentTarget.checked)} />
        <span>
          <strong>{t('settings.security.requireTwoFactor')}</strong>
          <span class="field__hint">{t('settings.security.requireTwoFactorHint')}</span>
        </span>
      </label>
    </SettingsSection>
  );
}
