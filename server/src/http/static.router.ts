/** Serves the built widget (loader + panel), the agent console and the demo host page. */
import express, { Router, type Response } from 'express';
import helmet from 'helmet';
import fs from 'node:fs';
import path from 'node:path';
import type { Store } from '../store/store';
import { renderDemoPage } from './demo-page';
import { frameAncestorsFor } from '../security/allowed-origins';

export interface StaticRoots {
  /** widget/dist: widget.js at its root, the panel under panel/. */
  widgetDist: string;
  /** agent-console/dist. */
  consoleDist: string;
}

export function createStaticRouter(roots: StaticRoots, store: Store, publicUrl: string): Router {
  const router = Router();

  // The loader is loaded cross-origin by every host page: allow that, cache briefly.
  router.get('/widget.js', (_req, res) => {
    res.set('Cross-Origin-Resource-Policy', 'cross-origin');
    res.set('Cache-Control', 'public, max-age=300');
    res.sendFile(path.join(roots.widgetDist, 'widget.js'), (error) => {
      if (error && !res.headersSent) res.status(503).type('text/plain').send('The widget is not built yet.');
    });
  });

  // The panel is framed by host pages: those of the site in `?site=`, or any while it declares none.
  router.use(
    '/panel',
    async (req, res, next) => {
      const key = typeof req.query.site === 'string' ? req.query.site : null;
      const site = key ? await store.findSiteByKey(key) : null;
      res.locals.frameAncestors = frameAncestorsFor(site?.settings.allowedOrigins ?? null).join(' ');
      next();
    },
    helmet({
      xFrameOptions: false,
      crossOriginResourcePolicy: { policy: 'cross-origin' },
      contentSecurityPolicy: {
        directives: {
          'frame-ancestors': [(_req, res) => String((res as Response).locals.frameAncestors ?? '*')],
          'connect-src': ["'self'", 'ws:', 'wss:'],
          'img-src': ["'self'", 'data:', 'blob:'],
        },
      },
    }),
    express.static(path.join(roots.widgetDist, 'panel'), { index: 'index.html', maxAge: '1h' }),
  );

  // Pages of our own origin: strict defaults, sockets to ourselves only.
  const pageHeaders = helmet({
    contentSecurityPolicy: {
      directives: { 'connect-src': ["'self'", 'ws:', 'wss:'], 'img-src': ["'self'", 'data:', 'blob:'] },
    },
  });
  router.use(['/console', '/demo'], pageHeaders);
  router.use('/console', express.static(roots.consoleDist, { index: 'index.html' }));
  // Client-side routes of the console all load its index.
  router.get(/^\/console(\/.*)?$/, (_req, res, next) => {
    const index = path.join(roots.consoleDist, 'index.html');
    if (!fs.existsSync(index)) return next();
    res.sendFile(index);
  });

  router.get('/demo', async (_req, res) => {
    const [site] = await store.listSites();
    res.type('html').send(renderDemoPage({ publicUrl, siteKey: site?.key ?? '' }));
  });
  router.get('/', (_req, res) => res.redirect('/demo'));
  return router;
}
