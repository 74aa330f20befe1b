import type { AckResult, Message } from '@parley/shared';
import { aMessage } from '../test-support/message-factory';
import { CLIENT_ID_PATTERN } from './client-id';
import { createOutbox, type OutboxItem } from './outbox';
import { openSafeStorage, type KeyValueStorage } from './safe-storage';

const KEY = 'parley:site_key_123:outbox';

interface PendingSend {
  item: OutboxItem;
  resolve: (result: AckResult<Message>) => void;
  reject: (error: Error) => void;
}

/** A fake server connection: the test decides when and how each send is answered. */
function fakeConnection() {
  const sends: PendingSend[] = [];
  let online = false;
  let seq = 0;
  return {
    sends,
    setOnline: (value: boolean) => {
      online = value;
    },
    canSend: () => online,
    send: (item: OutboxItem) =>
      new Promise<AckResult<Message>>((resolve, reject) => {
        sends.push({ item, resolve, reject });
      }),
    /** What the real server does: the stored message, the same one for the same client id. */
    stored: (item: OutboxItem): AckResult<Message> => ({
      ok: true,
      data: aMessage({ seq: ++seq, clientId: item.clientId, text: item.text }),
    }),
  };
}

function setup(storage: KeyValueStorage = openSafeStorage(() => localStorage)) {
  const connection = fakeConnection();
  const delivered: Message[] = [];
  const changes: OutboxItem[][] = [];
  const holds: (number | null)[] = [];
  const outbox = createOutbox({
    storage,
    storageKey: KEY,
    send: connection.send,
    canSend: connection.canSend,
    onDelivered: (message) => delivered.push(message),
    onChange: (items) => changes.push(items),
    onHold: (until) => holds.push(until),
    retryDelayMs: () => 1000,
  });
  return { outbox, connection, delivered, changes, storage, holds };
}

beforeEach(() => {
  localStorage.clear();
  jest.useFakeTimers();
});
afterEach(() => jest.useRealTimers());

describe('outbox', () => {
  it('keeps what is typed offline, with a valid client id, and shows it as pending', async () => {
    const { outbox, connection, changes } = setup();
    const item = outbox.enqueue('Hello?');
    await jest.runOnlyPendingTimersAsync();

    expect(item.clientId).toMatch(CLIENT_ID_PATTERN);
    expect(connection.sends).toHaveLength(0);
    expect(changes.at(-1)).toEqual([item]);
    expect(JSON.parse(localStorage.getItem(KEY) ?? '[]')).toEqual([item]);
  });

  it('sends on reconnect and forgets the message once the server acknowledged it', async () => {
    const { outbox, connection, delivered } = setup();
    const item = outbox.enqueue('Hello?');
    connection.setOnline(true);
    void outbox.flush();
    await Promise.resolve();

    expect(connection.sends.map((send) => send.item.clientId)).toEqual([item.clientId]);
    connection.sends[0]!.resolve(connection.stored(item));
    await jest.runOnlyPendingTimersAsync();
    expect(delivered.map((message) => message.clientId)).toEqual([item.clientId]);
    expect(outbox.items()).toEqual([]);
    expect(localStorage.getItem(KEY)).toBeNull();
  });

  it('retries an unanswered send with the same client id', async () => {
    const { outbox, connection, delivered } = setup();
    connection.setOnline(true);
    const item = outbox.enqueue('Are you there?');
    await Promise.resolve();
    connection.sends[0]!.reject(new Error('operation has timed out'));
    await jest.advanceTimersByTimeAsync(1000);

    expect(connection.sends).toHaveLength(2);
    expect(connection.sends[1]!.item.clientId).toBe(item.clientId);
    connection.sends[1]!.resolve(connection.stored(item));
    await jest.runOnlyPendingTimersAsync();
    expect(delivered).toHaveLength(1);
  });

  it('drops a refused message the visitor gives up on, for every tab (the shared storage), and sends it no more', async () => {
    const { outbox, connection, changes, storage } = setup();
    connection.setOnline(true);
    const refused = outbox.enqueue('x'.repeat(10));
    const kept = outbox.enqueue('still wanted');
    await Promise.resolve();
    connection.sends[0]!.resolve({ ok: false, error: { code: 'VALIDATION_FAILED', message: 'Too long.' } });
    await jest.runOnlyPendingTimersAsync();
    expect(changes.at(-1)?.find((item) => item.clientId === refused.clientId)?.failed).toBe('VALIDATION_FAILED');

    outbox.discard(refused.clientId);

    expect(changes.at(-1)?.map((item) => item.clientId)).not.toContain(refused.clientId);
    expect(storage.getItem(KEY)).not.toContain(refused.clientId);
    expect(storage.getItem(KEY)).toContain(kept.clientId);
    await jest.runOnlyPendingTimersAsync();
    expect(connection.sends.filter((send) => send.item.clientId === refused.clientId)).toHaveLength(1);
  });

  it('survives a reload: a new outbox over the same storage resends the same message', async () => {
    const first = setup();
    const item = first.outbox.enqueue('Typed before the tab was closed');
    first.outbox.dispose();

    const second = setup();
    second.connection.setOnline(true);
    void second.outbox.flush();
    await Promise.resolve();
    expect(second.connection.sends.map((send) => send.item)).toEqual([item]);
  });

  it('sends one at a time, in the order typed', async () => {
    const { outbox, connection } = setup();
    connection.setOnline(true);
    const first = outbox.enqueue('one');
    const second = outbox.enqueue('two');
    await Promise.resolve();
    expect(connection.sends.map((send) => send.item.text)).toEqual(['one']);

    connection.sends[0]!.resolve(connection.stored(first));
    await jest.runOnlyPendingTimersAsync();
    expect(connection.sends.map((send) => send.item.text)).toEqual(['one', 'two']);
    connection.sends[1]!.resolve(connection.stored(second));
    await jest.runOnlyPendingTimersAsync();
    expect(outbox.items()).toEqual([]);
  });

  it('retries after a rate limit but marks a validation refusal as failed, until the visitor retries', async () => {
    const { outbox, connection } = setup();
    connection.setOnline(true);
    const item = outbox.enqueue('x');
    await Promise.resolve();
    connection.sends[0]!.resolve({ ok: false, error: { code: 'RATE_LIMITED', message: 'slow down' } });
    await jest.advanceTimersByTimeAsync(1000);
    expect(connection.sends).toHaveLength(2);

    connection.sends[1]!.resolve({ ok: false, error: { code: 'VALIDATION_FAILED', message: 'no' } });
    await jest.advanceTimersByTimeAsync(5000);
    expect(connection.sends).toHaveLength(2);
    expect(outbox.items()).toEqual([{ ...item, failed: 'VALIDATION_FAILED' }]);

    outbox.retry(item.clientId);
    await Promise.resolve();
    expect(connection.sends).toHaveLength(3);
    expect(outbox.items()).toEqual([item]);
  });

  it('over the rate limit, holds the messages as long as the server says, then sends them in order by itself', async () => {
    const { outbox, connection, holds, delivered } = setup();
    connection.setOnline(true);
    const first = outbox.enqueue('message 31');
    await Promise.resolve();
    const refusedAt = Date.now();
    connection.sends[0]!.resolve({
      ok: false,
      error: { code: 'RATE_LIMITED', message: 'You are sending messages too fast. Try again in 55 seconds.', retryAfterSeconds: 55 },
    });
    await jest.advanceTimersByTimeAsync(0);
    expect(holds).toEqual([refusedAt + 55_000]);

    // Typed while held, or a reconnect meanwhile: waits with the rest instead of being refused again.
    const second = outbox.enqueue('message 32');
    void outbox.flush();
    await jest.advanceTimersByTimeAsync(54_000);
    expect(connection.sends).toHaveLength(1);
    expect(outbox.items()).toEqual([first, second]);

    await jest.advanceTimersByTimeAsync(1000);
    expect(holds.at(-1)).toBeNull();
    expect(connection.sends.map((send) => send.item.text)).toEqual(['message 31', 'message 31']);
    connection.sends[1]!.resolve(connection.stored(first));
    await jest.advanceTimersByTimeAsync(0);
    connection.sends[2]!.resolve(connection.stored(second));
    await jest.advanceTimersByTimeAsync(0);
    expect(delivered.map((message) => message.text)).toEqual(['message 31', 'message 32']);
    expect(outbox.items()).toEqual([]);
  });

  it('stops sending a message the server already has (seen by broadcast or in another tab)', async () => {
    const { outbox, connection } = setup();
    const item = outbox.enqueue('seen elsewhere');
    outbox.acknowledge([item.clientId]);
    connection.setOnline(true);
    await outbox.flush();
    expect(connection.sends).toHaveLength(0);
    expect(outbox.items()).toEqual([]);
  });

  it('works in memory when storage is blocked', async () => {
    const blocked = openSafeStorage(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    const { outbox } = setup(blocked);
    const item = outbox.enqueue('still here');
    expect(outbox.items()).toEqual([item]);
  });

  it('ignores corrupted storage instead of crashing', () => {
    localStorage.setItem(KEY, '{not json');
    expect(setup().outbox.items()).toEqual([]);
    localStorage.setItem(KEY, JSON.stringify([{ clientId: 'bad id!', text: 'x', createdAt: 'now' }, 42]));
    expect(setup().outbox.items()).toEqual([]);
  });
});
