/**
 * The frames a console receives in one synchronous run (the announcements of one group commit, say)
 * leave in one write to the kernel instead of one each. engine.io hands ws one frame at a time and
 * ws writes each on its own, and a write to a socket costs ~20 µs of CPU whatever its size (on
 * loopback the kernel delivers it in the same call): a busy console taking several messages per
 * event-loop turn paid that for each. Corking the connection's TCP socket when engine.io flushes
 * and uncorking once the current run is over sends them together; nothing waits past that run.
 */
import { Socket as TcpSocket } from 'node:net';
import type { Namespace } from 'socket.io';

/** The TCP socket under a WebSocket connection; undefined for long-polling, which gains nothing here. */
function tcpSocketOf(connection: { transport: { name: string } }): TcpSocket | undefined {
  if (connection.transport.name !== 'websocket') return undefined;
  // ws keeps it as `_socket`; engine.io itself reaches into ws the same way (`_sender`).
  const raw = (connection.transport as unknown as { socket?: { _socket?: unknown } }).socket?._socket;
  return raw instanceof TcpSocket ? raw : undefined;
}

export interface WriteCoalescer {
  /** Coalesces the writes to every connection of the namespace, from now on. */
  coalesce(namespace: Pick<Namespace, 'on'>): void;
  /**
   * Lets out now what is corked, instead of when the current run ends: for a run that has more to
   * do after its announcements (the store's commit) that the readers need not wait for.
   */
  releaseNow(): void;
}

export function createWriteCoalescer(): WriteCoalescer {
  /** The uncorking of each connection corked in the current run. */
  const corkedNow = new Set<() => void>();
  return {
    coalesce(namespace) {
      namespace.on('connection', (socket) => {
        const connection = socket.conn;
        let corked: TcpSocket | undefined;
        const uncork = () => {
          corkedNow.delete(uncork);
          corked?.uncork();
          corked = undefined;
        };
        connection.on('flush', () => {
          if (corked) return;
          corked = tcpSocketOf(connection);
          if (!corked) return;
          corked.cork();
          corkedNow.add(uncork);
          process.nextTick(uncork);
        });
      });
    },
    releaseNow() {
      for (const uncork of corkedNow) uncork();
    },
  };
}
