import { io } from 'socket.io-client';
import { createSocketTransport } from './socket-transport';

jest.mock('socket.io-client', () => ({ io: jest.fn() }));

type Listener = (...args: unknown[]) => void;

/** Just enough of a socket.io Socket to see what the transport asks of it. */
function fakeSocket() {
  const listeners = new Map<string, Listener[]>();
  const socket = {
    connected: false,
    active: false,
    connect: jest.fn(),
    on: jest.fn((event: string, listener: Listener) => listeners.set(event, [...(listeners.get(event) ?? []), listener])),
    timeout: jest.fn(() => ({ emitWithAck: jest.fn(async () => ({ ok: true, data: null })) })),
    volatile: { emit: jest.fn() },
    fire: (event: string, ...args: unknown[]) => listeners.get(event)?.forEach((listener) => listener(...args)),
  };
  return socket;
}

describe('socket transport', () => {
  it('connects lazily to the visitor namespace of its own origin, reading the handshake at each attempt', () => {
    const socket = fakeSocket();
    jest.mocked(io).mockReturnValue(socket as never);
    const stored: { token?: string } = {};
    const transport = createSocketTransport(() => ({ siteKey: 'site_key_123', visitorToken: stored.token }));

    const [namespace, options] = jest.mocked(io).mock.calls[0] as unknown as [string, Record<string, unknown>];
    expect(namespace).toBe('/visitor');
    expect(options.autoConnect).toBe(false);
    const auth = options.auth as (send: (data: object) => void) => void;
    stored.token = 'a'.repeat(43);
    const sent: object[] = [];
    auth((data) => sent.push(data));
    expect(sent).toEqual([{ siteKey: 'site_key_123', visitorToken: 'a'.repeat(43) }]);

    transport.connect();
    expect(socket.connect).toHaveBeenCalledTimes(1);
  });

  it('passes on the server refusal carried in a connect error, and whether the client will retry', () => {
    const socket = fakeSocket();
    jest.mocked(io).mockReturnValue(socket as never);
    const transport = createSocketTransport(() => ({ siteKey: 'site_key_123' }));
    const seen: unknown[] = [];
    transport.onConnectError((error, willRetry) => seen.push([error, willRetry]));

    const refusal = Object.assign(new Error('unknown site'), { data: { code: 'SITE_NOT_FOUND', message: 'unknown site' } });
    socket.fire('connect_error', refusal);
    socket.active = true;
    socket.fire('connect_error', new Error('websocket error'));
    expect(seen).toEqual([
      [{ code: 'SITE_NOT_FOUND', message: 'unknown site' }, false],
      [null, true],
    ]);
  });

  it('sends typing and page context as volatile events, dropped while offline', () => {
    const socket = fakeSocket();
    jest.mocked(io).mockReturnValue(socket as never);
    const transport = createSocketTransport(() => ({ siteKey: 'site_key_123' }));
    transport.setTyping(true);
    transport.sendContext({ pageUrl: 'https://shop.example/', pageTitle: 'Shop', referrer: '' });
    expect(socket.volatile.emit.mock.calls).toEqual([
      ['typing:set', { typing: true }],
      ['visitor:context', { pageUrl: 'https://shop.example/', pageTitle: 'Shop', referrer: '' }],
    ]);
  });

  it('connects over WebSocket only, and sends every request with an acknowledgement timeout', async () => {
    const socket = fakeSocket();
    jest.mocked(io).mockReturnValue(socket as never);
    const transport = createSocketTransport(() => ({ siteKey: 'site_key_123' }));
    const [, options] = jest.mocked(io).mock.calls.at(-1) as unknown as [string, Record<string, unknown>];
    expect(options.transports).toEqual(['websocket']);

    await transport.request('conversation:rate', { score: 5 });
    expect(socket.timeout).toHaveBeenLastCalledWith(10_000);
  });
});
