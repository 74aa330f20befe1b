/**
 * The Socket.IO packet codec of the panel: protocol 5, as socket.io-parser writes and reads it, for
 * JSON payloads only. The visitor namespace never carries binary data (its event maps are JSON), so
 * the panel does without socket.io-parser's binary attachments; the build puts this module in its
 * place inside socket.io-client (scripts/build-plugins.ts), and socket-packet-codec.test.ts
 * checks both directions against socket.io-parser itself.
 */
import { Emitter } from '@socket.io/component-emitter';

export const protocol = 5;

export enum PacketType {
  CONNECT = 0,
  DISCONNECT = 1,
  EVENT = 2,
  ACK = 3,
  CONNECT_ERROR = 4,
  BINARY_EVENT = 5,
  BINARY_ACK = 6,
}

export interface Packet {
  type: PacketType;
  nsp: string;
  data?: unknown;
  id?: number;
}

// Names with a meaning of their own on the client: a server may not send them as events.
const RESERVED_EVENTS = ['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener'];

const isPlainObject = (value: unknown): boolean => Object.prototype.toString.call(value) === '[object Object]';

/** The payloads socket.io-parser accepts for each packet type. */
function isPayloadValid(type: PacketType, payload: unknown): boolean {
  switch (type) {
    case PacketType.CONNECT:
      return isPlainObject(payload);
    case PacketType.CONNECT_ERROR:
      return typeof payload === 'string' || isPlainObject(payload);
    case PacketType.EVENT:
      return (
        Array.isArray(payload) &&
        (typeof payload[0] === 'number' || (typeof payload[0] === 'string' && !RESERVED_EVENTS.includes(payload[0])))
      );
    case PacketType.ACK:
      return Array.isArray(payload);
    default:
      // DISCONNECT carries nothing; binary packets are not spoken here.
      return false;
  }
}

export class Encoder {
  /** `<type>[<nsp>,][<id>][<json>]`: one string per packet, as socket.io-parser encodes JSON packets. */
  encode(packet: Packet): string[] {
    let encoded = String(packet.type);
    if (packet.nsp && packet.nsp !== '/') encoded += `${packet.nsp},`;
    if (packet.id != null) encoded += packet.id;
    if (packet.data != null) encoded += JSON.stringify(packet.data);
    return [encoded];
  }
}

export class Decoder extends Emitter<Record<string, never>, Record<string, never>, { decoded: (packet: Packet) => void }> {
  /** Decodes one packet; anything else (binary, a malformed or unknown packet) throws, as socket.io-parser does. */
  add(encoded: unknown): void {
    if (typeof encoded !== 'string') throw new Error('binary packets are not supported');
    const match = /^(\d)(\/[^,]*,)?(\d+)?([\s\S]*)$/.exec(encoded);
    const type = Number(match?.[1]) as PacketType;
    if (!match || !(type in PacketType) || type >= PacketType.BINARY_EVENT) throw new Error(`unknown packet type ${type}`);
    const packet: Packet = { type, nsp: match[2]?.slice(0, -1) ?? '/' };
    if (match[3]) packet.id = Number(match[3]);
    if (match[4]) {
      let data: unknown;
      try {
        data = JSON.parse(match[4]);
      } catch {
        throw new Error('invalid payload');
      }
      if (!isPayloadValid(type, data)) throw new Error('invalid payload');
      packet.data = data;
    }
    this.emitReserved('decoded', packet);
  }

  destroy(): void {}
}
