/** The site's name as customers read it: every e-mail's signature and footer, the help centre's header. */
import { SITE_NAME_MAX_LENGTH, type SitePatch } from '@parley/shared';
import { useState } from 'preact/hooks';
import { useT } from '../../../state/console-context';
import { SettingsSection } from './settings-section';

export function SiteNameSettings(props: { name: string; save(patch: SitePatch): Promise<void>; readOnly: boolean }) {
  const t = useT();
  const [name, setName] = useState(props.name);
  // Shown once the admin has tried to save an empty name, not while they clear it to retype.
  const [tried, setTried] = useState(false);
  const trimmed = name.trim();
  const missing = tried && trimmed === '';
  return (
    <SettingsSection<SitePatch>
      id="site"
      title={t('settings.site.title')}
      description={t('settings.site.explain')}
      patch={() => (trimmed === '' ? null : { name: trimmed })}
      onTry={() => setTried(true)}
      save={props.save}
      readOnly={props.readOnly}
    >
      <div class="field">
        <label class="field__label" for="site-name">
          {t('settings.site.name')}
        </label>
        <input
          id="site-name"
          type="text"
          maxLength={SITE_NAME_MAX_LENGTH}
          value={name}
          aria-required="true"
          aria-invalid={missing}
          aria-describedby={missing ? 'site-name-error' : undefined}
          onInput={(e) => setName(e.currentTarget.value)}
          data-testid="site-name"
        />
        {missing && (
          <span id="site-name-error" class="field__hint field__hint--error" role="alert">
            {t('settings.site.nameRequired')}
          </span>
        )}
      </div>
    </SettingsSection>
  );
}
