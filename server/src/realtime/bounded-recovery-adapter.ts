/**
 * The single-process adapter: Socket.IO's in-memory one, with connection-state recovery as its
 * SessionAwareAdapter does it, but with the packet history bounded and kept outside the JS heap.
 *
 * Socket.IO's own keeps every broadcast packet for the whole recovery window (two minutes): at 5,000
 * messages a second, close to a million message objects that the garbage collector walks again and
 * again. The Redis Streams adapter bounds the same history by length (its stream keeps the last 10,000
 * entries), so this does too, and serializes each packet into one buffer (see recovery-history): a
 * client back in time gets what it missed if it is all still kept, and otherwise reconnects as new and
 * catches up from the store (history after the last seq it holds), as after a longer absence.
 *
 * Parley's events carry JSON only (the shared zod schemas), so a packet is kept as its JSON.
 *
 * A broadcast that reaches no one is dropped before it is kept or encoded: no connected socket would
 * get it and no socket away (a persisted session) could come back for it. Every message is sent to its
 * visitor's tabs except the one that sent it, which is most often the only one: that packet was kept
 * and encoded for no one (relay at 5,000 chats, paired runs: p50 1.21-1.23 ms with the drop against
 * 1.24-1.33 without), and it pushed packets that someone may still come back for out of the bounded
 * history.
 */
import { Adapter, type BroadcastOptions, type PrivateSessionId, type Session } from 'socket.io-adapter';
import { RecoveryHistory, type RecoveryHistoryLimits } from './recovery-history';

/** As many packets as the Redis Streams adapter keeps by default, in at most 16 MB. */
export const RECOVERY_HISTORY_LIMITS: RecoveryHistoryLimits = { packets: 10_000, bytes: 16 * 1024 * 1024 };

type Packet = Parameters<Adapter['broadcast']>[0];
type SessionToPersist = Parameters<Adapter['persistSession']>[0];
/** A kept packet: the rooms it went to, the rooms it skipped, and its arguments (event name first). */
type PacketRecord = [rooms: string[], except: string[], data: unknown[]];

// socket.io-parser's EVENT: only events without an acknowledgement are replayed, as Socket.IO does.
const EVENT_PACKET = 2;
const NO_ROOMS: string[] = [];
const NO_SOCKETS: ReadonlySet<string> = new Set();

export function boundedRecoveryAdapter(limits: RecoveryHistoryLimits = RECOVERY_HISTORY_LIMITS): typeof Adapter {
  return class BoundedRecoveryAdapter extends Adapter {
    private readonly history = new RecoveryHistory(limits);
    private readonly sessions = new Map<PrivateSessionId, SessionToPersist & { disconnectedAt: number }>();
    /** How many of the persisted sessions are in each room. */
    private readonly awayInRoom = new Map<string, number>();
    private readonly maxDisconnectionDuration: number;
    private readonly sweep: NodeJS.Timeout;

    // `nsp` is a Namespace; Socket.IO's own adapters take it untyped too.
    constructor(nsp: ConstructorParameters<typeof Adapter>[0]) {
      super(nsp);
      this.maxDisconnectionDuration = nsp.server.opts.connectionStateRecovery.maxDisconnectionDuration;
      this.sweep = setInterval(() => this.forgetExpiredSessions(), 60_000);
      this.sweep.unref();
    }

    override persistSession(session: SessionToPersist): void {
      this.forgetSession(session.pid);
      this.sessions.set(session.pid, { ...session, disconnectedAt: Date.now() });
      for (const room of session.rooms) this.awayInRoom.set(room, (this.awayInRoom.get(room) ?? 0) + 1);
    }

    // Socket.IO's typings promise a Session, but its namespace takes null as "connect as new", as its
    // own SessionAwareAdapter answers.
    override restoreSession(pid: PrivateSessionId, offset: string): Promise<Session> {
      return Promise.resolve(this.restorable(pid, offset) as Session);
    }

    override broadcast(packet: Packet, options: BroadcastOptions): void {
      if (!this.reachesAnyone(options)) return;
      const replayable = packet.type === EVENT_PACKET && packet.id === undefined && options.flags?.volatile === undefined;
      if (replayable) {
        const record: PacketRecord = [[...options.rooms], options.except?.size ? [...options.except] : NO_ROOMS, packet.data];
        // The offset goes last in the packet's arguments: the client keeps it as where it is.
        packet.data.push(this.history.keep(JSON.stringify(record)));
      }
      super.broadcast(packet, options);
    }

    override close(): void {
      clearInterval(this.sweep);
    }

    /** The session with the packets it missed, or null when it expired or not all of them are kept. */
    private restorable(pid: PrivateSessionId, offset: string): Session | null {
      const session = this.sessions.get(pid);
      if (!session) return null;
      if (session.disconnectedAt + this.maxDisconnectionDuration < Date.now()) {
        this.forgetSession(pid);
        return null;
      }
      const kept = this.history.after(offset);
      if (!kept) return null;
      const missedPackets: unknown[][] = [];
      for (const { offset: packetOffset, record } of kept) {
        const [rooms, except, data] = JSON.parse(record) as PacketRecord;
        if (reaches(session.rooms, rooms, except)) missedPackets.push([...data, packetOffset]);
      }
      const { disconnectedAt: _, ...restored } = session;
      return { ...restored, missedPackets };
    }

    private forgetExpiredSessions(): void {
      const threshold = Date.now() - this.maxDisconnectionDuration;
      for (const [pid, session] of this.sessions) if (session.disconnectedAt < threshold) this.forgetSession(pid);
    }

    private forgetSession(pid: PrivateSessionId): void {
      const session = this.sessions.get(pid);
      if (!session) return;
      this.sessions.delete(pid);
      for (const room of session.rooms) {
        const left = (this.awayInRoom.get(room) ?? 1) - 1;
        if (left > 0) this.awayInRoom.set(room, left);
        else this.awayInRoom.delete(room);
      }
    }

    /** Whether a broadcast reaches a connected socket, or a persisted session in one of its rooms. */
    private reachesAnyone({ rooms, except }: BroadcastOptions): boolean {
      if (rooms.size === 0) return true; // to everyone: not worth counting
      for (const room of rooms) {
        if (this.awayInRoom.has(room)) return true;
        for (const sid of this.rooms.get(room) ?? NO_SOCKETS) if (!this.isExcluded(sid, except)) return true;
      }
      return false;
    }

    private isExcluded(sid: string, except: BroadcastOptions['except']): boolean {
      if (except) for (const room of except) if (this.rooms.get(room)?.has(sid)) return true;
      return false;
    }
  };
}

/** Whether a socket in `socketRooms` was sent a packet broadcast to `rooms` except `except` (none: everyone). */
function reaches(socketRooms: string[], rooms: string[], except: string[]): boolean {
  const included = rooms.length === 0 || socketRooms.some((room) => rooms.includes(room));
  return included && socketRooms.every((room) => !except.includes(room));
}
