import { FakeAgentSocket } from '../test-support/fake-agent-socket';
import { AckTimeoutError, HANDSHAKE_RETRY_MS, SERVER_DISCONNECT_RETRY_MS } from './agent-connection';
import { ApiError } from '../api/api-error';
import { AGENT } from '../test-support/fixtures';

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('agent connection', () => {
  it('resolves with the ack data, and rejects with the error code the server sent', async () => {
    const socket = new FakeAgentSocket();
    socket.connected = true;
    const connection = socket.connection();
    socket.handle('agent:status', ({ status }) => ({ ok: true, data: { ...AGENT, status } }));
    socket.handle('conversation:claim', () => ({
      ok: false,
      error: { code: 'ALREADY_ASSIGNED', message: 'taken' },
    }));

    await expect(connection.request('agent:status', { status: 'away' })).resolves.toMatchObject({
      status: 'away',
    });
    const claim = connection.request('conversation:claim', { conversationId: 'conv-00000001' });
    await expect(claim).rejects.toBeInstanceOf(ApiError);
    await expect(claim).rejects.toMatchObject({ code: 'ALREADY_ASSIGNED' });
  });

  it('gives up on an unanswered request after the timeout, and at once while offline', async () => {
    const socket = new FakeAgentSocket();
    const connection = socket.connection();
    await expect(connection.request('conversation:list', {})).rejects.toBeInstanceOf(AckTimeoutError);
    expect(socket.emitted).toEqual([]); // nothing buffered to be sent twice later

    socket.connected = true;
    const pending = connection.request('conversation:list', {}, 2000);
    jest.advanceTimersByTime(2000);
    await expect(pending).rejects.toBeInstanceOf(AckTimeoutError);
  });

  it('asks again after a refused handshake, unless the token itself was refused', () => {
    const socket = new FakeAgentSocket();
    const connection = socket.connection();

    socket.setConnected(false, { code: 'INTERNAL', message: 'store down' });
    jest.advanceTimersByTime(HANDSHAKE_RETRY_MS);
    expect(socket.connectCalls).toBe(1);

    socket.setConnected(false, { code: 'UNAUTHENTICATED', message: 'expired' });
    jest.advanceTimersByTime(HANDSHAKE_RETRY_MS * 2);
    expect(socket.connectCalls).toBe(1);
    connection.close();
  });

  it('knocks again after the server closed the connection, so a revoked session learns it', () => {
    const socket = new FakeAgentSocket();
    const connection = socket.connection();
    socket.setConnected(true);

    socket.setConnected(false); // a network drop: socket.io reconnects by itself
    jest.advanceTimersByTime(SERVER_DISCONNECT_RETRY_MS * 10);
    expect(socket.connectCalls).toBe(0);

    socket.serverDisconnect();
    jest.advanceTimersByTime(SERVER_DISCONNECT_RETRY_MS);
    expect(socket.connectCalls).toBe(1);
    connection.close();
  });
});
