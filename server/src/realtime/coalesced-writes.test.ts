import http from 'node:http';
import type { AddressInfo, Socket as TcpSocket } from 'node:net';
import { Server, type Socket as ServerSocket } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { createWriteCoalescer, type WriteCoalescer } from './coalesced-writes';

let httpServer: http.Server;
let io: Server;
let client: Socket;

afterEach(async () => {
  client?.disconnect();
  io.close();
  await new Promise((resolve) => httpServer.close(resolve));
});

/** A server with one console connected; its namespace coalesces writes when given a coalescer. */
async function consoleConnected(coalescer?: WriteCoalescer): Promise<{ server: ServerSocket; writes: () => number }> {
  httpServer = http.createServer();
  io = new Server(httpServer);
  coalescer?.coalesce(io.of('/'));
  const connected = new Promise<ServerSocket>((resolve) => io.on('connection', resolve));
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  client = connect(`http://127.0.0.1:${port}`, { transports: ['websocket'] });
  // Once the client has its CONNECT packet, the handshake's writes are done: only the test's are counted.
  const [server] = await Promise.all([connected, new Promise((resolve) => client.once('connect', () => resolve(undefined)))]);
  // Every time the stream hands bytes to the kernel: one call per write, or one for a corked batch.
  const tcp = (server.conn.transport as unknown as { socket: { _socket: TcpSocket } }).socket._socket;
  let writes = 0;
  const stream = tcp as unknown as { _write: (...args: unknown[]) => void; _writev: (...args: unknown[]) => void };
  const [write, writev] = [stream._write.bind(tcp), stream._writev.bind(tcp)];
  stream._write = (...args) => ((writes += 1), write(...args));
  stream._writev = (...args) => ((writes += 1), writev(...args));
  return { server, writes: () => writes };
}

/** Resolves with the first ten messages the console receives. */
function tenReceived(): Promise<string[]> {
  const received: string[] = [];
  return new Promise((resolve) =>
    client.on('message:new', (text: string) => {
      received.push(text);
      if (received.length === 10) resolve(received);
    }),
  );
}

const emitTen = (server: ServerSocket) => {
  for (let i = 0; i < 10; i += 1) server.emit('message:new', `message ${i}`);
};

async function sendTen(server: ServerSocket): Promise<string[]> {
  const received = tenReceived();
  emitTen(server);
  return received;
}

const tenInOrder = Array.from({ length: 10 }, (_, i) => `message ${i}`);

test('ten messages to one console in one turn reach it in order in at most two writes', async () => {
  const { server, writes } = await consoleConnected(createWriteCoalescer());
  expect(await sendTen(server)).toEqual(tenInOrder);
  expect(writes()).toBeLessThanOrEqual(2);
});

test('releaseNow lets what a run corked out before the run goes on, and the ten still arrive in order', async () => {
  const coalescer = createWriteCoalescer();
  const { server, writes } = await consoleConnected(coalescer);
  const received = tenReceived();
  emitTen(server);
  const beforeRelease = writes();
  coalescer.releaseNow();
  // Still in the same synchronous run: the kernel already has the first frame.
  expect([beforeRelease, writes()]).toEqual([0, 1]);
  expect(await received).toEqual(tenInOrder);
  expect(writes()).toBeLessThanOrEqual(2);
});

test('without it, each of the ten costs a write of its own', async () => {
  const { server, writes } = await consoleConnected();
  expect(await sendTen(server)).toEqual(tenInOrder);
  expect(writes()).toBeGreaterThanOrEqual(9);
});

test('a console on long-polling is left as it is and still gets every message in order', async () => {
  httpServer = http.createServer();
  io = new Server(httpServer);
  createWriteCoalescer().coalesce(io.of('/'));
  const connected = new Promise<ServerSocket>((resolve) => io.on('connection', resolve));
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  client = connect(`http://127.0.0.1:${port}`, { transports: ['polling'] });
  const server = await connected;
  expect(server.conn.transport.name).toBe('polling');
  expect(await sendTen(server)).toEqual(tenInOrder);
});
