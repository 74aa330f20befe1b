/** The one error the domain raises: a code from the shared list and a message a person can read. */
import type { ErrorCode, ParleyError } from '@parley/shared';

export interface DomainErrorDetails {
  /** A limit refused it: how long until the same request may pass. */
  retryAfterMs?: number;
  /** The input field it is about: sent as the issue's path, so clients say it by that field. */
  field?: string;
}

/** The issue's message: without the "field: " the top one may begin with, as shared's validationError writes them. */
const withoutFieldPrefix = (message: string, field: string): string =>
  message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message;

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
    const { retryAfterMs, field } = this.details;
    return {
      code: this.code,
      message: this.message,
      ...(field !== undefined && { issues: [{ path: field, message: withoutFieldPrefix(this.message, field) }] }),
      // Whole seconds, rounded up: a client waiting that long is not refused again for a fraction.
      ...(retryAfterMs !== undefined && { retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) }),
    };
  }
}
