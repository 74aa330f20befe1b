/**
 * Contact export and erasure for admins (/api/admin/privacy). The contact travels in a POST body,
 * never in a URL: e-mail addresses must not land in access logs.
 */
import { ContactLookupSchema, type Agent } from '@parley/shared';
import { Router, type Response } from 'express';
import type { AuthService } from '../domain/auth.service';
import type { PrivacyService } from '../domain/privacy.service';
import { requireAgent } from './agent-auth.router';
import { requireAdmin } from './require-admin';
import { parseOrThrow } from './validate';

const actor = (res: Response): Agent => res.locals.agent as Agent;

export function createPrivacyRouter(deps: { auth: AuthService; privacy: PrivacyService }): Router {
  const { privacy } = deps;
  const router = Router();
  router.use(requireAgent(deps.auth), requireAdmin());

  router.post('/contact/summary', async (req, res) => {
    res.json({ summary: await privacy.summarize(actor(res), parseOrThrow(ContactLookupSchema, req.body)) });
  });
  router.post('/contact/export', async (req, res) => {
    const exported = await privacy.exportContact(actor(res), parseOrThrow(ContactLookupSchema, req.body));
    res.set('cache-control', 'no-store').attachment(`parley-contact-${exported.exportedAt.slice(0, 10)}.json`).json(exported);
  });
  router.post('/contact/erase', async (req, res) => {
    res.json({ erasure: await privacy.eraseContact(actor(res), parseOrThrow(ContactLookupSchema, req.body)) });
  });
  router.get('/erasures', async (_req, res) => {
    res.json({ erasures: await privacy.listErasures(actor(res)) });
  });
  return router;
}
