/** Analytics over REST (bearer token): the report as JSON for the console's charts, or as a CSV file. */
import { AnalyticsRequestSchema, type Agent } from '@parley/shared';
import { Router, type Request, type Response } from 'express';
import type { AnalyticsService } from '../domain/analytics.service';
import type { AuthService } from '../domain/auth.service';
import { requireAgent } from './agent-auth.router';
import { parseOrThrow } from './validate';

const actor = (res: Response): Agent => res.locals.agent as Agent;
const requestOf = (req: Request) => parseOrThrow(AnalyticsRequestSchema, req.query);

// A byte-order mark, so spreadsheet programs read the names as UTF-8 rather than a legacy code page.
const UTF8_BOM = '\uFEFF';

export function createAnalyticsRouter(deps: { auth: AuthService; analytics: AnalyticsService }): Router {
  const { analytics } = deps;
  const router = Router();
  router.use(requireAgent(deps.auth));
  router.use((_req, res, next) => {
    // Figures about people: never kept by a shared cache.
    res.set('Cache-Control', 'no-store');
    next();
  });

  router.get('/report', async (req, res) => {
    res.json(await analytics.report(actor(res), requestOf(req)));
  });
  router.get('/report.csv', async (req, res) => {
    const { filename, csv } = await analytics.reportCsv(actor(res), requestOf(req));
    res
      .status(200)
      .type('text/csv; charset=utf-8')
      .set('Content-Disposition', `attachment; filename="${filename}"`)
      .send(UTF8_BOM + csv);
  });
  return router;
}
