import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { boundedRecoveryAdapter } from './bounded-recovery-adapter';

const KEPT = 5;
let httpServer: http.Server;
let io: Server;
let client: Socket;

beforeEach(async () => {
  httpServer = http.createServer();
  io = new Server(httpServer, {
    adapter: boundedRecoveryAdapter(KEPT),
    connectionStateRecovery: { maxDisconnectionDuration: 60_000, skipMiddlewares: false },
  });
  io.on('connection', (socket) => void socket.join('chat'));
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
});
afterEach(async () => {
  client?.disconnect();
  io.close();
  await new Promise((resolve) => httpServer.close(resolve));
});

/** Connects, gets one packet (a client recovers from the last packet it holds), then loses its connection. */
async function dropAfterFirstPacket(missedWhileAway: number): Promise<{ recovered: boolean; received: string[] }> {
  const { port } = httpServer.address() as AddressInfo;
  client = connect(`http://127.0.0.1:${port}`, { transports: ['websocket'], reconnectionDelay: 50, reconnectionDelayMax: 50 });
  const received: string[] = [];
  client.on('note', (text: string) => received.push(text));
  await new Promise<void>((resolve) => client.once('connect', () => resolve()));
  await new Promise((resolve) => setTimeout(resolve, 20));
  const first = new Promise((resolve) => client.once('note', resolve));
  io.to('chat').emit('note', 'before');
  await first;

  // Sent while the client is away: the server has seen it go, and it has not come back yet.
  const gone = new Promise<void>((resolve) => {
    for (const socket of io.sockets.sockets.values()) {
      socket.once('disconnect', () => {
        for (let i = 0; i < missedWhileAway; i++) io.to('chat').emit('note', `missed ${i}`);
        resolve();
      });
    }
  });
  const back = new Promise((resolve) => client.io.once('reconnect', resolve));
  client.io.engine.close();
  await gone;
  await back;
  await new Promise((resolve) => setTimeout(resolve, 50));
  return { recovered: client.recovered, received };
}

test('a client back in time gets the packets it missed', async () => {
  const { recovered, received } = await dropAfterFirstPacket(3);
  expect(recovered).toBe(true);
  expect(received).toEqual(['before', 'missed 0', 'missed 1', 'missed 2']);
});

test('a client that missed more than the buffer keeps reconnects as new, and is not sent part of what it missed', async () => {
  const { recovered, received } = await dropAfterFirstPacket(KEPT * 4);
  expect(recovered).toBe(false);
  expect(received).toEqual(['before']);
});
