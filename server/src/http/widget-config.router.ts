/** Public, cacheable configuration of a site's widget, read by the panel at start. */
import { SiteKeySchema } from '@parley/shared';
import { Router } from 'express';
import type { SiteConfigService } from '../domain/site-config.service';
import { DomainError } from '../domain/domain-error';
import { namedOriginRefused } from '../security/allowed-origins';
import type { Store } from '../store/store';
import { parseOrThrow } from './validate';

/** `origins`: to refuse a page the site has not allowed (the panel itself, same-origin, always reads). */
export function createWidgetConfigRouter(
  siteConfig: SiteConfigService,
  origins: { store: Pick<Store, 'findSiteByKey'>; publicUrl: string },
): Router {
  const router = Router();
  router.get('/config', async (req, res) => {
    const siteKey = parseOrThrow(SiteKeySchema, req.query.site);
    const site = await origins.store.findSiteByKey(siteKey);
    if (site && namedOriginRefused({ allowedOrigins: site.settings.allowedOrigins, ownOrigin: origins.publicUrl, headers: req.headers })) {
      throw new DomainError('FORBIDDEN', `This site does not allow its widget on ${req.headers.origin}.`);
    }
    res.set({ 'Cache-Control': 'no-cache', Vary: 'Accept-Language' });
    res.json(await siteConfig.publicConfig(siteKey, req.acceptsLanguages()));
  });
  return router;
}
