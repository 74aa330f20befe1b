// The baseline: a bare Socket.IO relay with no Parley code. Same namespaces and event names as
// Parley's; a message is acknowledged, then forwarded to its conversation's room and to the one
// agent console the conversation belongs to (handshake `agent`), as Parley delivers an assigned chat.
import { createServer } from 'node:http';
import { Server } from '../lib/deps.mjs';

const port = Number(process.argv[2] ?? 0);
const httpServer = createServer((req, res) => res.writeHead(req.url === '/healthz' ? 200 : 404).end());
const io = new Server(httpServer, { serveClient: false });

const agents = io.of('/agent');
agents.on('connection', (socket) => {
  void socket.join(`agent:${socket.handshake.auth.agent}`);
  socket.emit('session:ready', {});
});

const visitors = io.of('/visitor');
let seq = 0;
visitors.on('connection', (socket) => {
  const room = `conversation:${socket.handshake.auth.conversation}`;
  const agentRoom = `agent:${socket.handshake.auth.agent}`;
  void socket.join(room);
  socket.emit('session:ready', {});
  socket.on('message:send', (payload, ack) => {
    const message = {
      id: `m${++seq}`,
      conversationId: room,
      seq,
      clientId: payload.clientId,
      text: payload.text,
      author: { kind: 'visitor' },
    };
    ack({ ok: true, data: message });
    visitors.to(room).emit('message:new', message);
    agents.to(agentRoom).emit('message:new', message);
  });
});

httpServer.listen(port, '127.0.0.1');
process.on('SIGTERM', () => io.close(() => process.exit(0)));
