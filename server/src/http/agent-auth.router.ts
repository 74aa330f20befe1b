/**
 * Agent sign-in over REST: the password step, the second-factor step, sign-out, and the forgotten
 * password (request a link, use it). The session token then authenticates REST calls and the socket.
 */
import {
  ChallengeRefSchema,
  LoginRequestSchema,
  PasswordForgotSchema,
  PasswordResetSchema,
  SecondFactorRequestSchema,
  type Agent,
} from '@parley/shared';
import { Router, type Request, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { AgentPasswordService } from '../domain/agent-password.service';
import type { AuthService } from '../domain/auth.service';
import { clientAddress } from '../security/client-address';
import type { CredentialLimits } from '../security/credential-limits';
import type { SignInGuard } from '../security/sign-in-guard';
import { enrolmentWithQrCode } from './qr-code';
import { parseOrThrow } from './validate';

/**
 * The token of an `Authorization: Bearer …` header. The scheme is matched in any case (RFC 7235), and
 * a token of the wrong shape is still returned, to be refused as not valid rather than as missing.
 */
export function bearerToken(req: Request): string | undefined {
  const header = req.get('authorization');
  const match = header?.match(/^bearer +([\x21-\x7e]{1,500})$/i);
  return match?.[1];
}

/** Puts the signed-in agent on res.locals.agent (and their session's hash on res.locals.sessionHash), or answers 401. */
export function requireAgent(auth: AuthService): RequestHandler {
  return (req, res, next) => {
    auth.authenticateSession(bearerToken(req)).then(({ agent, sessionHash }) => {
      res.locals.agent = agent;
      res.locals.sessionHash = sessionHash;
      next();
    }, next);
  };
}

export interface AgentAuthRouterDeps {
  auth: AuthService;
  signIn: SignInGuard;
  passwords: AgentPasswordService;
  limits: CredentialLimits;
  logger: Logger;
}

const addressOf = (req: Request) => clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for']);

export function createAgentAuthRouter({ auth, signIn, passwords, limits, logger }: AgentAuthRouterDeps): Router {
  const router = Router();
  router.post('/login', async (req, res) => {
    res.json(await signIn.login(parseOrThrow(LoginRequestSchema, req.body), addressOf(req)));
  });
  router.post('/login/second-factor', async (req, res) => {
    res.json(await signIn.completeSecondFactor(parseOrThrow(SecondFactorRequestSchema, req.body), addressOf(req)));
  });
  // The site requires a second factor this agent has not set up: enrolment on the challenge alone.
  router.post('/login/enrolment', async (req, res) => {
    const { challenge } = parseOrThrow(ChallengeRefSchema, req.body);
    const { secret, otpauthUri } = await auth.beginChallengeEnrolment(challenge);
    res.set('Cache-Control', 'no-store').json(await enrolmentWithQrCode({ secret, otpauthUri }));
  });
  router.post('/login/enrolment/confirm', async (req, res) => {
    const request = parseOrThrow(SecondFactorRequestSchema, req.body);
    res.set('Cache-Control', 'no-store').json(await signIn.completeEnrolment(request, addressOf(req)));
  });
  router.post('/logout', requireAgent(auth), async (req, res) => {
    await auth.logout(bearerToken(req) as string);
    res.status(204).end();
  });
  router.get('/me', requireAgent(auth), (_req, res) => {
    res.json({ agent: res.locals.agent as Agent });
  });

  router.post('/password/forgot', async (req, res) => {
    const request = parseOrThrow(PasswordForgotSchema, req.body);
    const send = await limits.mayRequestReset(request.email, addressOf(req));
    // Answered before looking the e-mail up, so neither the answer nor its timing tells whether it exists.
    res.status(202).json({});
    if (send) passwords.requestReset(request).catch((error: unknown) => logger.error({ err: error }, 'password reset request failed'));
  });
  router.post('/password/reset', async (req, res) => {
    await passwords.resetPassword(parseOrThrow(PasswordResetSchema, req.body));
    res.status(204).end();
  });
  return router;
}
