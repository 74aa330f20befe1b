/** Wraps a request-style socket handler: validate with the shared schema, run, answer one typed ack. */
import { parseInput, type Ack, type AckResult } from '@parley/shared';
import type { z } from 'zod';
import type { Logger } from 'pino';
import { toParleyError } from '../domain/error-mapping';

export function ackHandler<S extends z.ZodType, T>(
  logger: Logger,
  schema: S,
  run: (input: z.infer<S>) => Promise<T>,
) {
  return async (payload: unknown, ack: unknown): Promise<void> => {
    // A client that sends no callback gets nothing back, and must not crash the process.
    const answer: Ack<T> = typeof ack === 'function' ? (ack as Ack<T>) : () => undefined;
    const parsed = parseInput(schema, payload);
    if (!parsed.ok) return answer(parsed);
    let result: AckResult<T>;
    try {
      result = { ok: true, data: await run(parsed.data) };
    } catch (error) {
      result = { ok: false, error: toParleyError(error, logger) };
    }
    answer(result);
  };
}
