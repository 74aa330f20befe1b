/** Every request-style event answers exactly once, however its arguments are arranged. */
import type { AckResult } from '@parley/shared';
import pino from 'pino';
import { z } from 'zod';
import { ackEvent } from './ack-handler';

// The context (a socket, in the namespaces) reaches `run` beside the validated payload.
const event = ackEvent(pino({ level: 'silent' }), z.strictObject({ n: z.number() }), async (times: number, { n }) => n * times);
const handler = (...args: unknown[]) => event(2, args);

function call(...args: unknown[]): Promise<AckResult<number>> {
  return new Promise((resolve) => void handler(...args, resolve));
}

test('a good payload is answered with the result', async () => {
  await expect(call({ n: 2 })).resolves.toEqual({ ok: true, data: 4 });
});

test('an emit with no payload, only the callback, is answered VALIDATION_FAILED (not left waiting)', async () => {
  await expect(call()).resolves.toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
});

test('extra arguments before the callback are answered VALIDATION_FAILED (not left waiting)', async () => {
  await expect(call({ n: 2 }, 'extra', 7)).resolves.toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
});

test('without a callback nothing is answered and nothing throws', async () => {
  await expect(handler({ n: 1 })).resolves.toBeUndefined();
  await expect(handler('garbage', 'not a function')).resolves.toBeUndefined();
});
