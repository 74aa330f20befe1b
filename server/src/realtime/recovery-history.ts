/**
 * The last packets broadcast, serialized into one fixed buffer, for connection-state recovery.
 *
 * Why a buffer and not an array of packets: at 5,000 messages a second every packet lives a second or
 * two in the history, long enough for the garbage collector to promote its dozen-odd objects to the old
 * generation, where each is copied and walked again: half of all the server promoted. Here a packet
 * is one UTF-8 record outside the JavaScript heap, and the heap holds only two numbers per slot.
 *
 * A record is found by its offset: this history's random prefix and a sequence number, so an offset
 * from another history (another namespace, an earlier process) never matches one of ours.
 */
import { randomBytes } from 'node:crypto';

export interface RecoveryHistoryLimits {
  /** At most this many packets are kept. */
  packets: number;
  /** In at most this many bytes (UTF-8); the oldest go first when either limit is reached. */
  bytes: number;
}

export interface KeptPacket {
  offset: string;
  record: string;
}

export class RecoveryHistory {
  private readonly prefix = `${randomBytes(6).toString('base64url')}.`;
  private readonly buffer: Buffer;
  /** Where the packet of sequence number s starts and how long it is, at slot s % packets. */
  private readonly starts: Uint32Array;
  private readonly lengths: Uint32Array;
  /** The packets kept are those numbered from `first` to `next - 1`, written in that order. */
  private first = 0;
  private next = 0;
  private writeAt = 0;

  constructor(private readonly limits: RecoveryHistoryLimits) {
    if (!(limits.packets >= 1 && limits.bytes >= 1)) throw new RangeError('a recovery history keeps at least one packet and one byte');
    this.buffer = Buffer.allocUnsafeSlow(limits.bytes);
    this.starts = new Uint32Array(limits.packets);
    this.lengths = new Uint32Array(limits.packets);
  }

  /** Keeps a packet's record (dropping the oldest as needed) and returns its offset. */
  keep(record: string): string {
    const seq = this.next++;
    const length = Buffer.byteLength(record);
    if (length > this.limits.bytes / 4) {
      // Keeping it would push out most of the history: keep nothing up to it instead, so that no
      // client is told it recovered while missing it (only one holding this very packet recovers).
      this.first = this.next;
      return this.offsetOf(seq);
    }
    const at = this.makeRoom(seq, length);
    this.buffer.write(record, at, 'utf8');
    const slot = seq % this.limits.packets;
    this.starts[slot] = at;
    this.lengths[slot] = length;
    this.writeAt = at + length;
    return this.offsetOf(seq);
  }

  /**
   * Every packet kept after the one at `offset`, oldest first; undefined when the offset is not one of
   * this history's or a packet after it is no longer kept (the client cannot be brought up to date).
   */
  after(offset: string): KeptPacket[] | undefined {
    const seq = this.seqOf(offset);
    if (seq === undefined || seq < this.first - 1 || seq >= this.next) return undefined;
    const packets: KeptPacket[] = [];
    for (let s = seq + 1; s < this.next; s++) {
      const slot = s % this.limits.packets;
      const start = this.starts[slot] as number;
      packets.push({ offset: this.offsetOf(s), record: this.buffer.toString('utf8', start, start + (this.lengths[slot] as number)) });
    }
    return packets;
  }

  /** How many packets are kept now. */
  get size(): number {
    return this.next - this.first;
  }

  /**
   * Drops the oldest packets until `length` contiguous bytes are free at the write position, or at
   * the buffer's start (the tail left unused), and a slot is free; returns where to write.
   */
  private makeRoom(seq: number, length: number): number {
    let at = this.writeAt;
    for (;;) {
      if (this.first === seq) return at + length <= this.limits.bytes ? at : 0;
      if (seq - this.first >= this.limits.packets) {
        this.first++;
        continue;
      }
      const oldest = this.starts[this.first % this.limits.packets] as number;
      if (oldest < at) {
        // Kept: [oldest, at). Free: after `at` to the end, then from the start to `oldest`.
        if (at + length <= this.limits.bytes) return at;
        at = 0;
        continue;
      }
      // Kept: from `oldest` to the end of its lap, then from the start to `at`. Free: [at, oldest).
      if (oldest - at >= length) return at;
      this.first++;
    }
  }

  private offsetOf(seq: number): string {
    return this.prefix + seq.toString(36);
  }

  private seqOf(offset: string): number | undefined {
    if (!offset.startsWith(this.prefix)) return undefined;
    const digits = offset.slice(this.prefix.length);
    const seq = Number.parseInt(digits, 36);
    return Number.isSafeInteger(seq) && seq.toString(36) === digits ? seq : undefined;
  }
}
