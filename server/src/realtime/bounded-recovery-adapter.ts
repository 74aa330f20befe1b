/**
 * The single-process adapter: Socket.IO's own session-aware one, with its recovery buffer bounded.
 *
 * For connection-state recovery, Socket.IO keeps every broadcast packet for the whole recovery window
 * (two minutes, plus up to one until its sweep runs): at 5,000 messages a second, close to a million
 * message objects held in memory, which the garbage collector walks again and again. The Redis Streams
 * adapter bounds the same history by length (its stream keeps the last 10,000 entries), so this does
 * too: a client back in time gets what it missed if it is among the last packets kept, and otherwise
 * reconnects as new and catches up from the store (history after the last seq it holds), as it would
 * after a longer absence.
 */
import { SessionAwareAdapter, type BroadcastOptions } from 'socket.io-adapter';

/** As many packets as the Redis Streams adapter keeps by default. */
export const RECOVERY_PACKETS_KEPT = 10_000;

type Packet = Parameters<SessionAwareAdapter['broadcast']>[0];

export function boundedRecoveryAdapter(packetsKept = RECOVERY_PACKETS_KEPT): typeof SessionAwareAdapter {
  // Trimmed in steps of a tenth, so that removing from the front of the array is not paid per packet.
  const trimAbove = packetsKept + Math.ceil(packetsKept / 10);
  return class BoundedRecoveryAdapter extends SessionAwareAdapter {
    override broadcast(packet: Packet, options: BroadcastOptions): void {
      super.broadcast(packet, options);
      // `packets` is the parent's (private in its typings): the history restoreSession() replays.
      const kept = (this as unknown as { packets: unknown[] }).packets;
      if (kept.length > trimAbove) kept.splice(0, kept.length - packetsKept);
    }
  };
}
