/** Admin-only writes: a signed-in agent who is not an admin is refused before their request body is even looked at. */
import type { Agent } from '@parley/shared';
import type { RequestHandler } from 'express';
import { DomainError } from '../domain/domain-error';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** After `requireAgent`: reads pass for every agent; writes only for admins (403 FORBIDDEN, not a 400 that tells what a valid body is). */
export function requireAdminForWrites(): RequestHandler {
  return (req, res, next) => {
    const agent = res.locals.agent as Agent | undefined;
    if (READS.has(req.method) || agent?.role === 'admin') return next();
    next(new DomainError('FORBIDDEN', 'Only admins can change this.'));
  };
}

/** After `requireAgent`: everything, reads included, for admins only (a contact's personal data). */
export function requireAdmin(): RequestHandler {
  return (_req, res, next) => {
    const agent = res.locals.agent as Agent | undefined;
    if (agent?.role === 'admin') return next();
    next(new DomainError('FORBIDDEN', 'Only admins can do this.'));
  };
}
