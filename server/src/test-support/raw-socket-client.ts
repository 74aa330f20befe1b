/**
 * A raw Engine.IO v4 / Socket.IO v5 client over a bare WebSocket, for tests that must send what no
 * well-behaved client would: broken packets, wrong types, binary junk, oversized frames.
 */
import WebSocket from 'ws';

export interface RawPacket {
  /** The text frame as received ("42/visitor,[...]") or a binary frame. */
  data: string | Buffer;
}

export interface RawSocketClient {
  send(frame: string | Buffer): void;
  /** Resolves with the first frame (received from now on, or already queued) that matches, or null on close or timeout. */
  next(match: (frame: string) => boolean, timeoutMs?: number): Promise<string | null>;
  isOpen(): boolean;
  /** Resolves when the server (or we) closed the connection. */
  closed: Promise<{ code: number }>;
  close(): void;
}

/** Opens `/socket.io/?EIO=4&transport=websocket` and waits for the Engine.IO open packet. */
export async function openRawSocket(baseUrl: string, headers: Record<string, string> = {}): Promise<RawSocketClient> {
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`, { headers });
  const inbox: string[] = [];
  const waiters = new Set<() => void>();
  let open = false;
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    if (isBinary) return;
    const text = data.toString('utf8');
    // Engine.IO heartbeat: answer the server's ping or it drops us.
    if (text === '2') return ws.send('3');
    inbox.push(text);
    waiters.forEach((wake) => wake());
  });
  const closed = new Promise<{ code: number }>((resolve) => {
    ws.on('close', (code) => {
      open = false;
      waiters.forEach((wake) => wake());
      resolve({ code });
    });
  });
  ws.on('error', () => undefined);

  function next(match: (frame: string) => boolean, timeoutMs = 2000): Promise<string | null> {
    return new Promise((resolve) => {
      const check = (): boolean => {
        const index = inbox.findIndex(match);
        if (index >= 0) {
          const [frame] = inbox.splice(index, 1);
          finish(frame ?? null);
          return true;
        }
        if (ws.readyState !== WebSocket.OPEN && ws.readyState !== WebSocket.CONNECTING) {
          finish(null);
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => finish(null), timeoutMs);
      const wake = () => void check();
      function finish(frame: string | null) {
        clearTimeout(timer);
        waiters.delete(wake);
        resolve(frame);
      }
      if (!check()) waiters.add(wake);
    });
  }

  const handshake = await next((frame) => frame.startsWith('0{'), 5000);
  if (!handshake) throw new Error('no Engine.IO open packet');
  open = true;
  return {
    send(frame) {
      if (ws.readyState === WebSocket.OPEN) ws.send(frame);
    },
    next,
    isOpen: () => open && ws.readyState === WebSocket.OPEN,
    closed,
    close: () => ws.close(),
  };
}

/** Socket.IO CONNECT to a namespace with an auth payload; resolves with the server's answer frame. */
export async function connectNamespace(
  client: RawSocketClient,
  namespace: string,
  auth: unknown,
): Promise<{ ok: boolean; frame: string | null }> {
  client.send(`40${namespace},${JSON.stringify(auth)}`);
  const frame = await client.next((f) => f.startsWith(`40${namespace},`) || f.startsWith(`44${namespace},`));
  return { ok: frame?.startsWith('40') ?? false, frame };
}

/** Sends an EVENT with an ack id and resolves with the ack's first argument, or null when none came. */
export async function emitRaw(
  client: RawSocketClient,
  options: { namespace: string; ackId: number; payloadJson: string; timeoutMs?: number },
): Promise<unknown> {
  const { namespace, ackId } = options;
  client.send(`42${namespace},${ackId}${options.payloadJson}`);
  const frame = await client.next((f) => f.startsWith(`43${namespace},${ackId}[`), options.timeoutMs);
  if (!frame) return null;
  const args = JSON.parse(frame.slice(`43${namespace},${ackId}`.length)) as unknown[];
  return args[0];
}
