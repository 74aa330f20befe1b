/** Wraps a request-style socket handler: validate with the shared schema, run, answer one typed ack. */
import { parseInput, type Ack, type AckResult } from '@parley/shared';
import type { z } from 'zod';
import type { Logger } from 'pino';
import { toParleyError } from '../domain/error-mapping';

/**
 * Built once per namespace and shared by its sockets (see event-dispatch): `run` takes the socket
 * (or whatever context the caller passes) first.
 */
export function ackEvent<C, S extends z.ZodType, T>(
  logger: Logger,
  schema: S,
  run: (context: C, input: z.infer<S>) => Promise<T>,
) {
  return async (context: C, args: unknown[]): Promise<void> => {
    // Socket.IO passes the callback last, whatever came before it; a client that sends none gets
    // nothing back, and must not crash the process.
    const last = args.at(-1);
    const answer: Ack<T> = typeof last === 'function' ? (last as Ack<T>) : () => undefined;
    const payloads = typeof last === 'function' ? args.slice(0, -1) : args;
    if (payloads.length > 1) {
      return answer({ ok: false, error: { code: 'VALIDATION_FAILED', message: `expected one payload, got ${payloads.length}` } });
    }
    const parsed = parseInput(schema, payloads[0]);
    if (!parsed.ok) return answer(parsed);
    let result: AckResult<T>;
    try {
      result = { ok: true, data: await run(context, parsed.data) };
    } catch (error) {
      result = { ok: false, error: toParleyError(error, logger) };
    }
    answer(result);
  };
}
