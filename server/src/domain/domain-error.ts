/** The one error the domain raises: a code from the shared list and a message a person can read. */
import type { ErrorCode, ParleyError } from '@parley/shared';

export interface DomainErrorDetails {
  /** A limit refused it: how long until the same request may pass. */
  retryAfterMs?: number;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: DomainErrorDetails = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }

  toParleyError(): ParleyError {
    const { retryAfterMs } = this.details;
    return {
      code: this.code,
      message: this.message,
      // Whole seconds, rounded up: a client waiting that long is not refused again for a fraction.
      ...(retryAfterMs !== undefined && { retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) }),
    };
  }
}
