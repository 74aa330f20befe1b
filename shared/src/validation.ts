/** Turning a zod failure into the one error shape every client understands. */
import type { z } from 'zod';
import type { AckResult, ParleyError } from './errors';

export function validationError(error: z.ZodError): ParleyError {
  const issues = error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));
  const first = issues[0];
  return {
    code: 'VALIDATION_FAILED',
    message: first ? `${first.path}: ${first.message}` : 'invalid input',
    issues,
  };
}

/** Parse untrusted input with a schema; a failure becomes a VALIDATION_FAILED result. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): AckResult<z.infer<S>> {
  const result = schema.safeParse(input);
  return result.success
    ? { ok: true, data: result.data }
    : { ok: false, error: validationError(result.error) };
}
