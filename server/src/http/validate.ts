/** Parse a request part with a shared schema; a failure is thrown as VALIDATION_FAILED. */
import { validationError } from '@parley/shared';
import type { z } from 'zod';
import { DomainError } from '../domain/domain-error';

export class ValidationFailed extends DomainError {
  constructor(readonly error: ReturnType<typeof validationError>) {
    super('VALIDATION_FAILED', error.message);
  }

  override toParleyError() {
    return this.error;
  }
}

export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationFailed(validationError(result.error));
  return result.data;
}
