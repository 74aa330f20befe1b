/** The one place where error codes become HTTP statuses, and the Express error handler that uses it. */
import type { ErrorCode, ParleyError } from '@parley/shared';
import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { toParleyError } from '../domain/error-mapping';

const STATUS_BY_CODE: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  INVALID_CODE: 401,
  LINK_EXPIRED: 410,
  FORBIDDEN: 403,
  SITE_NOT_FOUND: 404,
  CONVERSATION_NOT_FOUND: 404,
  AGENT_NOT_FOUND: 404,
  NOT_FOUND: 404,
  CONVERSATION_CLOSED: 409,
  ALREADY_ASSIGNED: 409,
  CAPACITY_REACHED: 409,
  DEPARTMENT_IN_USE: 409,
  SITE_CLOSED: 409,
  ALREADY_TAKEN: 409,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

export function httpStatusFor(code: ErrorCode): number {
  return STATUS_BY_CODE[code];
}

/** Body-parser failures (bad JSON, too large) carry `type`; they are the client's fault, not ours. */
function bodyParserError(error: unknown): ParleyError | null {
  if (typeof error !== 'object' || error === null || !('type' in error)) return null;
  const type = (error as { type: unknown }).type;
  if (type === 'entity.parse.failed') return { code: 'VALIDATION_FAILED', message: 'The body is not valid JSON.' };
  if (type === 'entity.too.large') return { code: 'VALIDATION_FAILED', message: 'The body is too large.' };
  return null;
}

export function createErrorHandler(logger: Logger): ErrorRequestHandler {
  // Express recognises an error handler by its four parameters.
  // eslint-disable-next-line max-params
  return (error: unknown, _req, res, _next) => {
    const parleyError = bodyParserError(error) ?? toParleyError(error, logger);
    // HTTP's own way of saying how long to wait, for API clients and proxies that know it.
    if (parleyError.retryAfterSeconds !== undefined) res.set('Retry-After', String(parleyError.retryAfterSeconds));
    res.status(httpStatusFor(parleyError.code)).json({ error: parleyError });
  };
}
