/** A failed request as a value the UI can translate: always a ParleyError code, never a raw status. */
import type { ErrorCode, ParleyError } from '@parley/shared';

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly issues: ParleyError['issues'];
  /** For RATE_LIMITED: how long until the same request may pass. */
  readonly retryAfterSeconds: number | undefined;

  constructor(error: ParleyError) {
    super(error.message);
    this.name = 'ApiError';
    this.code = error.code;
    this.issues = error.issues;
    this.retryAfterSeconds = error.retryAfterSeconds;
  }
}

/** Codes the client itself can produce when the server never answered with one. */
export const NETWORK_FAILURE: ParleyError = { code: 'INTERNAL', message: 'The server could not be reached.' };

function isParleyError(value: unknown): value is ParleyError {
  if (typeof value !== 'object' || value === null) return false;
  const { code, message } = value as Record<string, unknown>;
  return typeof code === 'string' && typeof message === 'string';
}

/** Reads `{ error: { code, message } }` out of an unknown body, or says the server failed. */
export function parleyErrorFrom(body: unknown): ParleyError {
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const error = (body as { error: unknown }).error;
    if (isParleyError(error)) return error;
  }
  return { code: 'INTERNAL', message: 'Unexpected answer from the server.' };
}

/** A refusal's wait in seconds, when the server gave one. */
export function retryAfterOf(error: unknown): number | null {
  return error instanceof ApiError ? (error.retryAfterSeconds ?? null) : null;
}

/** Whatever was thrown, the code to show. */
export function errorCodeOf(error: unknown): ErrorCode {
  return error instanceof ApiError ? error.code : 'INTERNAL';
}

/**
 * The field a VALIDATION_FAILED refusal is about, so a form can say it by that field: the first
 * issue's path up to its first dot (`file.size` → `file`). Null when it names none.
 */
export function refusedField(error: unknown): string | null {
  if (!(error instanceof ApiError) || error.code !== 'VALIDATION_FAILED') return null;
  return error.issues?.[0]?.path.split('.')[0] || null;
}
