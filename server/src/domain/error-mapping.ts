/** Any thrown value -> the shared error shape; unknown errors are logged and never leak details. */
import type { ParleyError } from '@parley/shared';
import { DomainError } from './domain-error';

export interface ErrorLogger {
  error(details: object, message: string): void;
}

export function toParleyError(error: unknown, logger: ErrorLogger): ParleyError {
  if (error instanceof DomainError) return error.toParleyError();
  logger.error({ err: error }, 'unexpected error');
  return { code: 'INTERNAL', message: 'Something went wrong on our side; please try again.' };
}
