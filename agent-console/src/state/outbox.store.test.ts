import type { Message } from '@parley/shared';
import { ApiError } from '../api/api-error';
import { AckTimeoutError } from '../realtime/agent-connection';
import { FakeAgentSocket } from '../test-support/fake-agent-socket';
import { createOutbox, type Outgoing } from './outbox.store';

const stored = (item: Outgoing, seq: number): Message => ({
  id: `msg-${item.clientId}`,
  conversationId: item.conversationId,
  seq,
  clientId: item.clientId,
  author: { kind: 'agent', id: 'agent-ana-0001', name: 'Ana' },
  text: item.text,
  internal: item.internal,
  createdAt: '2030-01-02T10:00:00.000Z',
});

/** Lets pending promise callbacks run (the fake socket answers through promises). */
const settle = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('outbox', () => {
  it('sends again with the same clientId until the server acknowledges', async () => {
    const socket = new FakeAgentSocket();
    socket.connected = true;
    const connection = socket.connection();
    let attempts = 0;
    // The first two packets get no answer (lost), the third is acknowledged.
    socket.handle('message:send', (payload) =>
      ++attempts < 3
        ? undefined
        : { ok: true, data: { ...stored({ ...payload, internal: false } as Outgoing, 1) } },
    );
    const delivered: Message[] = [];
    const outbox = createOutbox({
      deliver: (item) =>
        connection.request(
          'message:send',
          { conversationId: item.conversationId, clientId: item.clientId, text: item.text },
          1000,
        ),
      isOnline: () => connection.isOnline(),
      onDelivered: (message) => delivered.push(message),
      newClientId: () => 'client-fixed-0001',
      retryDelaysMs: [500],
    });

    outbox.send('conv-00000001', 'Hello, how can I help?');
    expect(outbox.pendingOf('conv-00000001').value[0]?.state).toBe('sending');

    for (let i = 0; i < 2; i++) {
      await jest.advanceTimersByTimeAsync(1000); // ack timeout
      expect(outbox.pendingOf('conv-00000001').value[0]?.state).toBe('retrying');
      await jest.advanceTimersByTimeAsync(500); // retry delay
    }
    await settle();

    const sends = socket.emitsOf('message:send');
    expect(sends).toHaveLength(3);
    expect(new Set(sends.map((send) => (send as { clientId: string }).clientId))).toEqual(
      new Set(['client-fixed-0001']),
    );
    expect(delivered).toHaveLength(1);
    expect(outbox.pendingOf('conv-00000001').value).toEqual([]);
  });

  it('waits while offline and sends as soon as the connection is back', async () => {
    let online = false;
    const deliver = jest.fn(async (item: Outgoing) => stored(item, 1));
    const outbox = createOutbox({
      deliver,
      isOnline: () => online,
      onDelivered: () => undefined,
      newClientId: () => 'client-0002',
    });

    outbox.send('conv-00000001', 'Still there?');
    await jest.advanceTimersByTimeAsync(60_000);
    expect(deliver).not.toHaveBeenCalled();

    online = true;
    outbox.wakeUp();
    await settle();
    expect(deliver).toHaveBeenCalledTimes(1);
    expect(outbox.pendingOf('conv-00000001').value).toEqual([]);
  });

  it('keeps replies of one conversation in the order they were written', async () => {
    const order: string[] = [];
    const answers: Array<() => void> = [];
    const outbox = createOutbox({
      deliver: (item) =>
        new Promise<Message>((resolve) => {
          order.push(item.text);
          answers.push(() => resolve(stored(item, order.length)));
        }),
      isOnline: () => true,
      onDelivered: () => undefined,
      newClientId: (() => {
        let n = 0;
        return () => `client-${++n}-abcd`;
      })(),
    });

    outbox.send('conv-00000001', 'first');
    outbox.send('conv-00000001', 'second');
    expect(order).toEqual(['first']);
    answers[0]?.();
    await settle();
    expect(order).toEqual(['first', 'second']);
  });

  it.each(['CONVERSATION_CLOSED', 'CAPACITY_REACHED'] as const)(
    'stops on %s, says why, and retries on request',
    async (code) => {
      const deliver = jest
        .fn<Promise<Message>, [Outgoing]>()
        .mockRejectedValueOnce(new ApiError({ code, message: 'no' }))
        .mockImplementationOnce(async (item) => stored(item, 3));
      const outbox = createOutbox({
        deliver,
        isOnline: () => true,
        onDelivered: () => undefined,
        newClientId: () => 'client-0003',
      });

      outbox.send('conv-00000001', 'Bye');
      await settle();
      expect(outbox.pendingOf('conv-00000001').value[0]).toMatchObject({ state: 'failed', errorCode: code });
      await jest.advanceTimersByTimeAsync(60_000);
      expect(deliver).toHaveBeenCalledTimes(1);

      outbox.retry('client-0003');
      await settle();
      expect(deliver).toHaveBeenCalledTimes(2);
      expect(deliver.mock.calls[1]?.[0].clientId).toBe('client-0003');
      expect(outbox.pendingOf('conv-00000001').value).toEqual([]);
    },
  );

  it('keeps trying through a passing server error', async () => {
    const deliver = jest
      .fn<Promise<Message>, [Outgoing]>()
      .mockRejectedValueOnce(new ApiError({ code: 'INTERNAL', message: 'db busy' }))
      .mockImplementationOnce(async (item) => stored(item, 4));
    const outbox = createOutbox({
      deliver,
      isOnline: () => true,
      onDelivered: () => undefined,
      newClientId: () => 'client-0005',
      retryDelaysMs: [100],
    });

    outbox.send('conv-00000001', 'Again');
    await settle();
    expect(outbox.pendingOf('conv-00000001').value[0]?.state).toBe('retrying');
    await jest.advanceTimersByTimeAsync(100);
    await settle();
    expect(deliver).toHaveBeenCalledTimes(2);
    expect(outbox.pendingOf('conv-00000001').value).toEqual([]);
  });

  it('treats the echo through message:new as delivery, even before the ack', async () => {
    const deliver = jest.fn(() => Promise.reject<Message>(new AckTimeoutError('message:send')));
    const outbox = createOutbox({
      deliver,
      isOnline: () => true,
      onDelivered: () => undefined,
      newClientId: () => 'client-0004',
    });

    const item = outbox.send('conv-00000001', 'Echo');
    await settle();
    outbox.confirm(stored(item, 7));
    await jest.advanceTimersByTimeAsync(60_000);

    expect(deliver).toHaveBeenCalledTimes(1);
    expect(outbox.pendingOf('conv-00000001').value).toEqual([]);
  });
});
