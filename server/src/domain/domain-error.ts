/** The one error the domain raises: a code from the shared list and a message a person can read. */
import type { ErrorCode, ParleyError } from '@parley/shared';

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  toParleyError(): ParleyError {
    return { code: this.code, message: this.message };
  }
}
