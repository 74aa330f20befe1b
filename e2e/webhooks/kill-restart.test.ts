/**
 * Webhooks survive a hard crash: the built server is SIGKILLed while one delivery is on the wire
 * (its receiver holds the request) and another waits for its retry (its receiver was down). After a
 * restart over the same data, both arrive, the same event each, and every request they got verifies
 * with the verification example of docs/webhooks.md, run as written.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { WebhookDelivery } from '@parley/shared';
import { AdminApi } from '../support/admin-api';
import { startParley, type ParleyProcess } from '../support/parley-process';
import { waitUntil } from '../support/wait-until';
import { startWebhookReceiver, type ReceivedWebhook, type WebhookReceiver } from '@parley/server/test-support/webhook-receiver';

type Verify = (header: string, rawBody: string, secret: string) => boolean;

/** The documented `verifyParleySignature`, taken from the docs' code block as a site would copy it. */
function documentedVerifier(): Verify {
  const docs = fs.readFileSync(path.resolve(__dirname, '../../docs/webhooks.md'), 'utf8');
  const source = docs.match(/const TOLERANCE_SECONDS = \d+;\s+export function verifyParleySignature[\s\S]*?\n}\n/)?.[0];
  if (!source) throw new Error('docs/webhooks.md no longer holds verifyParleySignature');
  const build = new Function('createHmac', 'timingSafeEqual', `${source.replace('export function', 'function')}\nreturn verifyParleySignature;`);
  return build(createHmac, timingSafeEqual) as Verify;
}

let parley: ParleyProcess | undefined;
const receivers: WebhookReceiver[] = [];

afterAll(async () => {
  await parley?.stop();
  await Promise.all(receivers.map((receiver) => receiver.stop().catch(() => undefined)));
});

const eventIdOf = (hook: ReceivedWebhook): string => (JSON.parse(hook.rawBody) as { id: string }).id;

test('a SIGKILL mid-send and mid-retry loses no delivery; each arrives after the restart, verifiably signed', async () => {
  const verify = documentedVerifier();
  parley = await startParley();
  const slow = await startWebhookReceiver({ answer: 204 });
  const down = await startWebhookReceiver({ answer: 204 });
  receivers.push(slow, down);
  const admin = await AdminApi.signIn(parley.url, parley.admin);
  const events = ['ticket.created' as const];
  const held = await admin.registerWebhook({ url: slow.url, events, allowPrivateTargets: true });
  const refused = await admin.registerWebhook({ url: down.url, events, allowPrivateTargets: true });
  slow.answerWith('hold');
  await down.stop();

  const ticket = await admin.createTicket({ subject: 'Parcel lost', text: 'Order 1042 never came' });
  // One delivery is on the wire, unanswered; the other failed once and waits for its retry.
  const onTheWire = await slow.nth(1);
  const [waiting] = await waitUntil(
    () => admin.webhookDeliveries(refused.endpoint.id),
    (log) => log[0]?.attempts === 1 && log[0].status === 'pending',
  );
  expect(waiting?.lastError).toMatch(/ECONNREFUSED/);
  await parley.kill();

  slow.answerWith(204);
  await down.start();
  parley = await startParley({ dataDir: parley.dataDir });
  const restarted = await AdminApi.signIn(parley.url, parley.admin);
  // The held one comes back once its lease lapses; the refused one at its retry time (30 s each).
  const [secondTry, firstDelivery] = await Promise.all([slow.nth(2), down.nth(1)]);

  const delivered = (log: WebhookDelivery[]) => log.length === 1 && log[0]?.status === 'delivered';
  const [heldLog] = await waitUntil(() => restarted.webhookDeliveries(held.endpoint.id), delivered);
  const [refusedLog] = await waitUntil(() => restarted.webhookDeliveries(refused.endpoint.id), delivered);
  expect(heldLog).toMatchObject({ attempts: 2, responseStatus: 204, lastError: null });
  expect(refusedLog).toMatchObject({ attempts: 2, responseStatus: 204, lastError: null });

  // The same event, the ticket's, to each endpoint: resent after the crash, never dropped or duplicated into two events.
  expect([eventIdOf(onTheWire), eventIdOf(secondTry)]).toEqual([heldLog?.eventId, heldLog?.eventId]);
  expect(eventIdOf(firstDelivery)).toBe(refusedLog?.eventId);
  expect(JSON.parse(firstDelivery.rawBody)).toMatchObject({ type: 'ticket.created', data: { ticket: { id: ticket.id } } });
  expect(slow.received).toHaveLength(2);
  expect(down.received).toHaveLength(1);

  for (const hook of slow.received) expect(verify(String(hook.headers['parley-signature']), hook.rawBody, held.secret)).toBe(true);
  expect(verify(String(firstDelivery.headers['parley-signature']), firstDelivery.rawBody, refused.secret)).toBe(true);
  // …and the example does refuse: the other endpoint's secret, or a body changed by one byte.
  expect(verify(String(firstDelivery.headers['parley-signature']), firstDelivery.rawBody, held.secret)).toBe(false);
  expect(verify(String(secondTry.headers['parley-signature']), `${secondTry.rawBody} `, held.secret)).toBe(false);
});
