/** The durability counter itself: it must see a lost, a doubled and a reordered message, or its zeros mean nothing. */
import type { Message } from '@parley/shared';
import { countDurability, type SentMessage } from './durability-ledger';

const stored = (seq: number, clientId: string): Message => ({
  id: `id-${clientId}-${seq}`,
  conversationId: 'conv-0001',
  seq,
  clientId,
  author: { kind: 'system' },
  text: clientId,
  internal: false,
  createdAt: '2025-01-01T00:00:00.000Z',
});
const sent = (clientId: string, order: number, acked = true): SentMessage => ({
  conversationId: 'conv-0001', sender: 'visitor-1', clientId, order, acked,
});

test('a clean history counts every ack and nothing else', () => {
  const history = new Map([['conv-0001', [stored(1, 'msg-a'), stored(2, 'msg-b')]]]);
  expect(countDurability([sent('msg-a', 0), sent('msg-b', 1)], history)).toEqual({
    acked: 2, lost: 0, duplicated: 0, reordered: 0,
  });
});

test('an acked message missing from the history is lost; an unacked one is not counted', () => {
  const history = new Map([['conv-0001', [stored(1, 'msg-a')]]]);
  expect(countDurability([sent('msg-a', 0), sent('msg-b', 1), sent('msg-c', 2, false)], history)).toMatchObject({
    acked: 2, lost: 1,
  });
});

test('two stored copies of one client id are a duplicate', () => {
  const history = new Map([['conv-0001', [stored(1, 'msg-a'), stored(2, 'msg-a')]]]);
  expect(countDurability([sent('msg-a', 0)], history).duplicated).toBe(1);
});

test('a sender whose second message got the lower seq is reordered, as is a listing whose seq goes back', () => {
  const swapped = new Map([['conv-0001', [stored(1, 'msg-b'), stored(2, 'msg-a')]]]);
  expect(countDurability([sent('msg-a', 0), sent('msg-b', 1)], swapped).reordered).toBe(1);
  const backwards = new Map([['conv-0001', [stored(2, 'msg-a'), stored(1, 'msg-b')]]]);
  expect(countDurability([], backwards).reordered).toBe(1);
});
