/** What the widget learns about a site before the visitor writes: looks, form, contact, availability. */
import { pickSiteLanguage, type PublicSiteConfig, type SiteLanguages } from '@parley/shared';
import type { Store } from '../store/store';
import { DomainError } from './domain-error';
import type { SiteAvailabilityService } from './site-availability.service';

/** The site's languages as visitors meet them: a default the site offers, whatever was stored. */
export function offeredLanguages(languages: SiteLanguages): SiteLanguages {
  return { offered: languages.offered, default: pickSiteLanguage(languages, []) };
}

export function createSiteConfigService({ store, availability }: { store: Store; availability: SiteAvailabilityService }) {
  return {
    /** `preferred`: the visitor's browser languages, most wanted first. */
    async publicConfig(siteKey: string, preferred: readonly string[] = []): Promise<PublicSiteConfig> {
      const site = await store.findSiteByKey(siteKey);
      if (!site) throw new DomainError('SITE_NOT_FOUND', 'This site key is not known to Parley.');
      const [departments, status, notice] = await Promise.all([
        store.listDepartments(site.id), availability.forSite(site.id), store.findActiveStatusNotice(site.id),
      ]);
      return {
        key: site.key,
        name: site.name,
        widget: site.settings.widget,
        prechat: site.settings.prechat,
        contact: site.settings.contact,
        languages: offeredLanguages(site.settings.languages),
        locale: pickSiteLanguage(site.settings.languages, preferred),
        openingHours: site.settings.openingHours,
        departments: departments.map(({ id, name }) => ({ id, name })),
        ...status,
        statusNotice: notice ? { text: notice.text, severity: notice.severity, postedAt: notice.postedAt } : null,
      };
    },
  };
}

export type SiteConfigService = ReturnType<typeof createSiteConfigService>;
