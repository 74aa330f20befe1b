/** Team and site administration over REST (bearer token; admins write, agents read). */
import {
  AgentPatchSchema,
  IdSchema,
  NewAgentSchema,
  NewDepartmentSchema,
  SitePatchSchema,
  SiteSettingsPatchSchema,
  type Agent,
} from '@parley/shared';
import { Router, type Response } from 'express';
import type { AgentAdminService } from '../domain/agent-admin.service';
import type { AgentPasswordService } from '../domain/agent-password.service';
import type { AuthService } from '../domain/auth.service';
import type { TwoFactorService } from '../domain/two-factor.service';
import { requireAgent } from './agent-auth.router';
import { requireAdminForWrites } from './require-admin';
import { snippetFor } from './demo-page';
import { parseOrThrow } from './validate';

const actor = (res: Response): Agent => res.locals.agent as Agent;

export interface AdminRouterDeps {
  auth: AuthService;
  admin: AgentAdminService;
  twoFactor: TwoFactorService;
  passwords: AgentPasswordService;
  publicUrl: string;
  /** The site's secret for signing visitor identities; shown to admins only. */
  identitySecret: (siteId: string) => Promise<string>;
}

export function createAdminRouter(deps: AdminRouterDeps): Router {
  const { admin } = deps;
  const router = Router();
  router.use(requireAgent(deps.auth), requireAdminForWrites());

  router.get('/agents', async (_req, res) => {
    res.json({ agents: await admin.listAgents(actor(res)) });
  });
  router.post('/agents', async (req, res) => {
    res.status(201).json({ agent: await admin.createAgent(actor(res), parseOrThrow(NewAgentSchema, req.body)) });
  });
  router.patch('/agents/:agentId', async (req, res) => {
    const agentId = parseOrThrow(IdSchema, req.params.agentId);
    res.json({ agent: await admin.updateAgent(actor(res), agentId, parseOrThrow(AgentPatchSchema, req.body)) });
  });
  router.get('/agents/two-factor', async (_req, res) => {
    res.json({ agentIds: await deps.twoFactor.listEnabled(actor(res)) });
  });
  router.post('/agents/:agentId/password-reset', async (req, res) => {
    await deps.passwords.adminSendReset(actor(res), parseOrThrow(IdSchema, req.params.agentId));
    res.status(202).json({});
  });
  router.delete('/agents/:agentId/two-factor', async (req, res) => {
    await deps.twoFactor.adminReset(actor(res), parseOrThrow(IdSchema, req.params.agentId));
    res.status(204).end();
  });

  router.get('/departments', async (_req, res) => {
    res.json({ departments: await admin.listDepartments(actor(res)) });
  });
  router.post('/departments', async (req, res) => {
    const { name } = parseOrThrow(NewDepartmentSchema, req.body);
    res.status(201).json({ department: await admin.createDepartment(actor(res), name) });
  });
  router.patch('/departments/:departmentId', async (req, res) => {
    const departmentId = parseOrThrow(IdSchema, req.params.departmentId);
    const { name } = parseOrThrow(NewDepartmentSchema, req.body);
    res.json({ department: await admin.renameDepartment(actor(res), departmentId, name) });
  });
  router.delete('/departments/:departmentId', async (req, res) => {
    await admin.deleteDepartment(actor(res), parseOrThrow(IdSchema, req.params.departmentId));
    res.status(204).end();
  });

  router.get('/site', async (_req, res) => {
    const site = await admin.getSite(actor(res));
    const secret = actor(res).role === 'admin' ? { identitySecret: await deps.identitySecret(site.id) } : {};
    res.json({ site, snippet: snippetFor(deps.publicUrl, site.key), ...secret });
  });
  router.patch('/site', async (req, res) => {
    res.json({ site: await admin.updateSite(actor(res), parseOrThrow(SitePatchSchema, req.body)) });
  });
  router.patch('/site/settings', async (req, res) => {
    res.json({ site: await admin.updateSiteSettings(actor(res), parseOrThrow(SiteSettingsPatchSchema, req.body)) });
  });
  return router;
}
