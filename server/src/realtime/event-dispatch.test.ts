import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket as ServerSocket } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { createEventDispatch } from './event-dispatch';

let httpServer: http.Server;
let io: Server;
const clients: Socket[] = [];

afterEach(async () => {
  clients.splice(0).forEach((client) => client.disconnect());
  io.close();
  await new Promise((resolve) => httpServer.close(resolve));
});

/**
 * One table of handlers for every socket: 'greet' answers with who asked, 'note' records it. A
 * middleware, as the metrics add one, sees each event first and marks the answer.
 */
async function serverWithTable(noted: string[]): Promise<string> {
  httpServer = http.createServer();
  io = new Server(httpServer);
  io.on('connection', (socket) =>
    socket.use((packet, next) => {
      const ack = packet.at(-1);
      if (typeof ack === 'function') packet[packet.length - 1] = (answer: string) => ack(`${answer} (seen)`);
      next();
    }),
  );
  const dispatch = createEventDispatch<ServerSocket, 'greet' | 'note'>({
    greet: (socket, [name, ack]) => (ack as (answer: string) => void)(`hello ${String(name)} on ${String(socket.handshake.auth.tab)}`),
    note: (socket, [text]) => noted.push(`${String(socket.handshake.auth.tab)}: ${String(text)}`),
  });
  io.on('connection', dispatch);
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
}

async function connected(url: string, tab: string): Promise<Socket> {
  const client = connect(url, { transports: ['websocket'], auth: { tab } });
  clients.push(client);
  await new Promise<void>((resolve) => client.once('connect', () => resolve()));
  return client;
}

test('each socket reaches the shared handlers as itself, after the middlewares, acknowledgement included', async () => {
  const noted: string[] = [];
  const url = await serverWithTable(noted);
  const [first, second] = [await connected(url, 'one'), await connected(url, 'two')];

  expect(await first.emitWithAck('greet', 'Ann')).toBe('hello Ann on one (seen)');
  expect(await second.emitWithAck('greet', 'Bo')).toBe('hello Bo on two (seen)');
  second.emit('note', 'ready');
  await first.emitWithAck('greet', 'again');
  expect(noted).toEqual(['two: ready']);
});

test('an event the table does not name, even one named like an inherited property, is ignored and the socket keeps working', async () => {
  const noted: string[] = [];
  const url = await serverWithTable(noted);
  const client = await connected(url, 'one');

  for (const event of ['constructor', 'toString', 'hasOwnProperty', 'unknown:event']) client.emit(event, 'x');
  expect(await client.emitWithAck('greet', 'still here')).toBe('hello still here on one (seen)');
  expect(client.connected).toBe(true);
  expect(noted).toEqual([]);
});
