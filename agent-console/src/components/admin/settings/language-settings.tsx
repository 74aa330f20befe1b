/**
 * Which of Parley's languages the site offers (widget, help centre) and the default for visitors
 * whose browser asks for none of them. The default is chosen among the offered ones only.
 */
import { PARLEY_LANGUAGES, type ParleyLanguage, type SiteLanguages } from '@parley/shared';
import { useState } from 'preact/hooks';
import { LANGUAGES } from '../../../i18n/languages';
import { useT } from '../../../state/console-context';
import type { SettingsPartProps } from './routing-settings';
import { SettingsSection } from './settings-section';

/** The offered languages after ticking or unticking one, in Parley's order; the default follows if it was dropped. */
export function toggleLanguage(current: SiteLanguages, language: ParleyLanguage, on: boolean): SiteLanguages {
  const offered = PARLEY_LANGUAGES.filter((lng) => (lng === language ? on : current.offered.includes(lng)));
  const fallback = offered.includes(current.default) ? current.default : (offered[0] ?? current.default);
  return { offered, default: fallback };
}

export function LanguageSettings({ settings, save, readOnly }: SettingsPartProps) {
  const t = useT();
  const [languages, setLanguages] = useState<SiteLanguages>(settings.languages);
  const none = languages.offered.length === 0;
  return (
    <SettingsSection
      id="languages"
      title={t('settings.languages.title')}
      description={t('settings.languages.explain')}
      patch={() => (none ? null : { languages })}
      save={save}
      readOnly={readOnly}
    >
      <fieldset class="field fieldset" aria-describedby="languages-hint">
        <legend class="field__label">{t('settings.languages.offered')}</legend>
        <div class="checks">
          {PARLEY_LANGUAGES.map((lng) => (
            <label key={lng} class="check">
              <input
                type="checkbox"
                checked={languages.offered.includes(lng)}
                onChange={(e) => setLanguages((current) => toggleLanguage(current, lng, e.currentTarget.checked))}
                data-testid={`language-offered-${lng}`}
              />
              <span lang={lng}>{LANGUAGES[lng]}</span>
            </label>
          ))}
        </div>
        <span id="languages-hint" class={`field__hint${none ? ' field__hint--error' : ''}`}>
          {none ? t('settings.languages.noneOffered') : t('settings.languages.hint')}
        </span>
      </fieldset>
      <label class="field">
        <span class="field__label">{t('settings.languages.default')}</span>
        <select
          value={languages.default}
          disabled={none}
          onChange={(e) => {
            const chosen = languages.offered.find((lng) => lng === e.currentTarget.value);
            if (chosen) setLanguages((current) => ({ ...current, default: chosen }));
          }}
          data-testid="language-default"
        >
          {languages.offered.map((lng) => (
            <option key={lng} value={lng} lang={lng}>
              {LANGUAGES[lng]}
            </option>
          ))}
        </select>
      </label>
    </SettingsSection>
  );
}
