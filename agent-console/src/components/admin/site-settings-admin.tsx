/** Every setting of the site, one section (and one Save) per subject. */
import type { Site, SitePatch, SiteSettingsPatch } from '@parley/shared';
import { useConsole, useT } from '../../state/console-context';
import { LanguageSettings } from './settings/language-settings';
import { OpeningHoursSettings } from './settings/opening-hours-settings';
import { RoutingSettings, TicketAutomationSettings } from './settings/routing-settings';
import { SecuritySettings } from './settings/security-settings';
import { SiteNameSettings } from './settings/site-name-settings';
import { SlaSettings } from './settings/sla-settings';
import { RetentionSettings } from './settings/retention-settings';
import { ContactSettings, OriginsSettings, PrechatSettings } from './settings/visitor-facing-settings';
import { WidgetSettings } from './settings/widget-settings';

export function SiteSettingsAdmin({
  site,
  save,
  saveSite,
}: {
  site: Site;
  save(patch: SiteSettingsPatch): Promise<void>;
  saveSite(patch: SitePatch): Promise<void>;
}) {
  const t = useT();
  const readOnly = useConsole().session.agent.value?.role !== 'admin';
  const part = { settings: site.settings, save, readOnly };
  return (
    <section class="admin-section" aria-labelledby="settings-title" data-testid="site-settings">
      <header class="admin-section__header">
        <h1 id="settings-title">{t('settings.title', { site: site.name })}</h1>
      </header>
      {readOnly && <p class="admin-section__note">{t('admin.readOnly')}</p>}
      <SiteNameSettings name={site.name} save={saveSite} readOnly={readOnly} />
      <RoutingSettings {...part} />
      <OpeningHoursSettings {...part} />
      <SlaSettings {...part} />
      <TicketAutomationSettings {...part} />
      <WidgetSettings {...part} />
      <LanguageSettings {...part} />
      <PrechatSettings {...part} />
      <ContactSettings {...part} />
      <OriginsSettings {...part} />
      <SecuritySettings {...part} />
      <RetentionSettings {...part} />
    </section>
  );
}
