/** Public, cacheable configuration of a site's widget, read by the panel at start. */
import { SiteKeySchema } from '@parley/shared';
import { Router } from 'express';
import type { SiteConfigService } from '../domain/site-config.service';
import { parseOrThrow } from './validate';

export function createWidgetConfigRouter(siteConfig: SiteConfigService): Router {
  const router = Router();
  router.get('/config', async (req, res) => {
    const siteKey = parseOrThrow(SiteKeySchema, req.query.site);
    res.set('Cache-Control', 'no-cache');
    res.json(await siteConfig.publicConfig(siteKey));
  });
  return router;
}
