import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { boundedRecoveryAdapter } from './bounded-recovery-adapter';

const KEPT = 5;
let httpServer: http.Server;
let io: Server;
let client: Socket;

async function startServer(limits = { packets: KEPT, bytes: 64 * 1024 }): Promise<void> {
  httpServer = http.createServer();
  io = new Server(httpServer, {
    adapter: boundedRecoveryAdapter(limits),
    connectionStateRecovery: { maxDisconnectionDuration: 60_000, skipMiddlewares: false },
  });
  io.on('connection', (socket) => void socket.join(['chat', 'muted']));
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
}
afterEach(async () => {
  client?.disconnect();
  io.close();
  await new Promise((resolve) => httpServer.close(resolve));
});

const notes = (count: number) => () => {
  for (let i = 0; i < count; i++) io.to('chat').emit('note', `missed ${i}`);
};

/** Connects, gets one packet (a client recovers from the last packet it holds), then loses its connection. */
async function dropAfterFirstPacket(sendWhileAway: () => void): Promise<{ recovered: boolean; received: string[] }> {
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
        sendWhileAway();
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
  await startServer();
  const { recovered, received } = await dropAfterFirstPacket(notes(3));
  expect(recovered).toBe(true);
  expect(received).toEqual(['before', 'missed 0', 'missed 1', 'missed 2']);
});

test('a client that missed more than the buffer keeps reconnects as new, and is not sent part of what it missed', async () => {
  await startServer();
  const { recovered, received } = await dropAfterFirstPacket(notes(KEPT * 4));
  expect(recovered).toBe(false);
  expect(received).toEqual(['before']);
});

test('a client is sent again only what was broadcast to it: to its rooms or to everyone, not to rooms it skipped', async () => {
  await startServer();
  const { recovered, received } = await dropAfterFirstPacket(() => {
    io.to('chat').emit('note', 'to its chat');
    io.to('elsewhere').emit('note', 'to another room');
    io.to('chat').except('muted').emit('note', 'to its chat but not its muted room');
    io.emit('note', 'to everyone');
    io.to('chat').volatile.emit('note', 'volatile');
  });
  expect(recovered).toBe(true);
  expect(received).toEqual(['before', 'to its chat', 'to everyone']);
});

test('broadcasts to a room no one is in, connected or away, do not push out of the history what a client away still needs', async () => {
  await startServer();
  const { recovered, received } = await dropAfterFirstPacket(() => {
    io.to('chat').emit('note', 'to its chat');
    // No socket is in 'elsewhere', connected or away.
    for (let i = 0; i < KEPT * 4; i++) io.to('elsewhere').emit('note', `to no one ${i}`);
  });
  expect(recovered).toBe(true);
  expect(received).toEqual(['before', 'to its chat']);
});

test('a broadcast to a room is kept for a socket away from it even when no connected socket is there', async () => {
  await startServer();
  const { recovered, received } = await dropAfterFirstPacket(() => io.to('muted').emit('note', 'to its muted room'));
  expect(recovered).toBe(true);
  expect(received).toEqual(['before', 'to its muted room']);
});

test('messages in any script are sent again as they were', async () => {
  await startServer();
  const texts = ['Прывітанне!', '¿Qué tal?', 'こんにちは 👋🏽'];
  const { recovered, received } = await dropAfterFirstPacket(() => texts.forEach((text) => io.to('chat').emit('note', text)));
  expect(recovered).toBe(true);
  expect(received).toEqual(['before', ...texts]);
});

test('a client that missed more bytes than the history keeps reconnects as new', async () => {
  await startServer({ packets: 1000, bytes: 400 });
  const { recovered, received } = await dropAfterFirstPacket(() => {
    for (let i = 0; i < 20; i++) io.to('chat').emit('note', `missed ${i} `.padEnd(40, '.'));
  });
  expect(recovered).toBe(false);
  expect(received).toEqual(['before']);
});
