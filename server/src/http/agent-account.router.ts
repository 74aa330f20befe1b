/** The signed-in agent's own credentials over REST: password change and two-factor sign-in. */
import { PasswordChangeSchema, TwoFactorConfirmSchema, TwoFactorDisableSchema, type Agent } from '@parley/shared';
import { Router, type Response } from 'express';
import type { AgentPasswordService } from '../domain/agent-password.service';
import type { AuthService } from '../domain/auth.service';
import type { TwoFactorService } from '../domain/two-factor.service';
import type { CredentialLimits } from '../security/credential-limits';
import { requireAgent } from './agent-auth.router';
import { enrolmentWithQrCode } from './qr-code';
import { parseOrThrow } from './validate';

export interface AgentAccountRouterDeps {
  auth: AuthService;
  passwords: AgentPasswordService;
  twoFactor: TwoFactorService;
  limits: CredentialLimits;
}

const me = (res: Response): Agent => res.locals.agent as Agent;
const sessionHashOf = (res: Response): string => res.locals.sessionHash as string;

export function createAgentAccountRouter({ auth, passwords, twoFactor, limits }: AgentAccountRouterDeps): Router {
  const router = Router();
  router.use(requireAgent(auth));

  router.post('/password', async (req, res) => {
    const change = parseOrThrow(PasswordChangeSchema, req.body);
    await limits.checked(me(res).id, () => passwords.changePassword(me(res), { ...change, sessionHash: sessionHashOf(res) }));
    res.status(204).end();
  });

  router.get('/two-factor', async (_req, res) => {
    res.json(await twoFactor.status(me(res)));
  });
  router.post('/two-factor/enrolment', async (_req, res) => {
    // The secret must not linger in any cache.
    res.set('Cache-Control', 'no-store').json(await enrolmentWithQrCode(await twoFactor.beginEnrolment(me(res))));
  });
  router.post('/two-factor/enrolment/confirm', async (req, res) => {
    const { code } = parseOrThrow(TwoFactorConfirmSchema, req.body);
    const codes = await limits.checked(me(res).id, () => twoFactor.confirmEnrolment(me(res), { code, sessionHash: sessionHashOf(res) }));
    res.set('Cache-Control', 'no-store').json(codes);
  });
  router.post('/two-factor/disable', async (req, res) => {
    const input = parseOrThrow(TwoFactorDisableSchema, req.body);
    await limits.checked(me(res).id, () => twoFactor.disable(me(res), input));
    res.status(204).end();
  });
  return router;
}
