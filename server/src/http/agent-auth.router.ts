/** Agent sign-in and sign-out over REST; the token then authenticates REST calls and the socket. */
import { LoginRequestSchema } from '@parley/shared';
import { Router, type Request, type RequestHandler } from 'express';
import type { Agent } from '@parley/shared';
import type { AuthService } from '../domain/auth.service';
import { clientAddress } from '../security/client-address';
import type { SignInGuard } from '../security/sign-in-guard';
import { parseOrThrow } from './validate';

export function bearerToken(req: Request): string | undefined {
  const header = req.get('authorization');
  const match = header?.match(/^Bearer ([A-Za-z0-9_-]{20,200})$/);
  return match?.[1];
}

/** Puts the signed-in agent on res.locals.agent, or answers 401. */
export function requireAgent(auth: AuthService): RequestHandler {
  return (req, res, next) => {
    auth.authenticate(bearerToken(req)).then((agent: Agent) => {
      res.locals.agent = agent;
      next();
    }, next);
  };
}

export function createAgentAuthRouter(auth: AuthService, signIn: SignInGuard): Router {
  const router = Router();
  router.post('/login', async (req, res) => {
    const address = clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for']);
    res.json(await signIn.login(parseOrThrow(LoginRequestSchema, req.body), address));
  });
  router.post('/logout', requireAgent(auth), async (req, res) => {
    await auth.logout(bearerToken(req) as string);
    res.status(204).end();
  });
  router.get('/me', requireAgent(auth), (_req, res) => {
    res.json({ agent: res.locals.agent as Agent });
  });
  return router;
}
