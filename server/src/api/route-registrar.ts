/** Turns route-table entries into Express handlers: authenticate → authorise → parse → call → shape. */
import { API_TOKEN_PREFIX } from '@parley/shared';
import express, { type RequestHandler, type Router } from 'express';
import { z } from 'zod';
import { callerOfBearer, readOnlyTokenRefusal, type ApiCaller } from '../domain/api-token.service';
import { DomainError } from '../domain/domain-error';
import { bearerToken } from '../http/agent-auth.router';
import { parseOrThrow } from '../http/validate';
import type { ApiServices } from './api-services';
import type { ApiRoute } from './route-table';

const DEFAULT_BODY_LIMIT = '64kb';

/** `/v1/tickets/{ticketId}` -> `/v1/tickets/:ticketId`. */
export const expressPath = (path: string): string => path.replace(/\{([A-Za-z_]+)\}/g, ':$1');

/** An API token (`pk_live_…`) or an agent's session token; either way the caller acts as an agent. */
export function authenticateCaller({ auth, apiTokens }: Pick<ApiServices, 'auth' | 'apiTokens'>): RequestHandler {
  return (req, res, next) => {
    callerOfBearer(bearerToken(req), { auth, apiTokens }).then((found) => {
      res.locals.caller = found;
      next();
    }, next);
  };
}

const callerOf = (locals: Record<string, unknown>): ApiCaller => locals.caller as ApiCaller;

/** Scope and role, judged before the body is read: a refusal never tells what a valid body is. */
function authorize(route: ApiRoute): RequestHandler {
  return (_req, res, next) => {
    const { agent, scope, tokenId } = callerOf(res.locals);
    if (route.scope === 'write' && scope === 'read') return next(readOnlyTokenRefusal());
    const access = route.access ?? 'agent';
    if (access !== 'agent' && agent.role !== 'admin') return next(new DomainError('FORBIDDEN', 'Only admins can do this.'));
    if (access === 'admin-session' && tokenId !== null) {
      return next(new DomainError('FORBIDDEN', `Sign in as an admin for this; ${API_TOKEN_PREFIX} tokens cannot manage tokens.`));
    }
    next();
  };
}

/** Query keys the schema takes as arrays: one `?status=open` arrives as a string and is wrapped. */
function arrayKeysOf(schema: z.ZodType): Set<string> {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, { type?: unknown }> };
  return new Set(Object.entries(json.properties ?? {}).filter(([, property]) => property.type === 'array').map(([key]) => key));
}

function withArrays(query: unknown, arrayKeys: Set<string>): unknown {
  if (arrayKeys.size === 0 || typeof query !== 'object' || query === null) return query;
  return Object.fromEntries(
    Object.entries(query).map(([key, value]) => [key, arrayKeys.has(key) && typeof value === 'string' ? [value] : value]),
  );
}

function handlerFor(route: ApiRoute): RequestHandler {
  const arrayKeys = arrayKeysOf(route.query);
  const status = route.status ?? 200;
  return async (req, res) => {
    const params = parseOrThrow(route.params, req.params);
    const query = parseOrThrow(route.query, withArrays(req.query, arrayKeys));
    // express.json() leaves any other body unread: without this, each field would be "missing".
    if (route.body && req.is('json') === false) {
      throw new DomainError('VALIDATION_FAILED', 'Send the body as JSON, with the header Content-Type: application/json.');
    }
    const body = route.body ? parseOrThrow(route.body, req.body ?? {}) : undefined;
    const result = await route.handle({ caller: callerOf(res.locals), params, query, body });
    // The response schema is the contract: a service answer that does not fit it is our bug (500), never sent as is.
    const shaped = route.response.parse(result);
    res.set('Cache-Control', 'no-store');
    if (status === 204) res.status(204).end();
    else res.status(status).json(shaped);
  };
}

export function registerRoutes(router: Router, input: { routes: ApiRoute[]; authenticate: RequestHandler }): void {
  for (const route of input.routes) {
    const parseBody = express.json({ limit: route.bodyLimit ?? DEFAULT_BODY_LIMIT, strict: true });
    router[route.method](expressPath(route.path), input.authenticate, authorize(route), parseBody, handlerFor(route));
  }
}
