/** Serves the built widget (loader + panel), the agent console and the demo host page. */
import compression from 'compression';
import express, { Router, type RequestHandler, type Response } from 'express';
import helmet from 'helmet';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { constants as zlib } from 'node:zlib';
import type { Store } from '../store/store';
import { renderDemoPage } from './demo-page';
import { frameAncestorsFor } from '../security/allowed-origins';

export interface StaticRoots {
  /** widget/dist: widget.js at its root, the panel under panel/. */
  widgetDist: string;
  /** agent-console/dist. */
  consoleDist: string;
}

/**
 * The panel page carries its site's allowed origins in its CSP (frame-ancestors): browsers ask for it
 * again every time, so a change of the list applies on the next load rather than when a cache expires.
 * Its ETag names the file and the origins, so it stays a cheap 304 until either changes, and a
 * changed list always comes as a full answer with the new policy.
 */
function servePanelPage(panelDir: string): RequestHandler {
  const file = path.join(panelDir, 'index.html');
  return (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || (req.path !== '/' && req.path !== '/index.html')) return next();
    fs.stat(file, (error, stat) => {
      if (error) return next();
      const origins = createHash('sha256').update(String(res.locals.frameAncestors)).digest('base64url').slice(0, 16);
      res.set('Cache-Control', 'no-cache');
      res.set('ETag', `W/"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}-${origins}"`);
      // No Last-Modified: the file's date says nothing about the origins in its headers.
      res.sendFile(file, { lastModified: false }, (sendError) => {
        if (sendError && !res.headersSent) next(sendError);
      });
    });
  };
}

export function createStaticRouter(roots: StaticRoots, store: Store, publicUrl: string): Router {
  const router = Router();

  // Scripts, styles and pages go compressed, brotli or gzip as the browser asks: the loader's 2 KB and
  // the panel's 40 KB are gzip sizes, and served plain they were 3.8 KB and 118 KB on the wire behind
  // a proxy that compresses nothing (nginx's default). Brotli 6 is within 1% of 9 at a tenth of its time
  // (6 ms for the panel's script, compressed on each request); these files are small and
  // browsers cache them; the API and sockets are left to their own (engine.io deflates its frames).
  router.use(['/widget.js', '/panel', '/console', '/demo'], compression({
    level: 9,
    brotli: { params: { [zlib.BROTLI_PARAM_QUALITY]: 6 } },
  }));

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
    servePanelPage(path.join(roots.widgetDist, 'panel')),
    // The rest is the page's hashed scripts and styles: a new build gets new names.
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
