/**
 * The Engine.IO packet codec of the panel: protocol 4, as engine.io-parser writes and reads it, for
 * text packets only. Over the panel's WebSocket every packet is text (the Socket.IO packets inside
 * are JSON strings: socket-packet-codec.ts), so the panel does without engine.io-parser's Blob,
 * ArrayBuffer and base64 handling; the build puts this module in its place inside engine.io-client
 * (scripts/build-plugins.ts), and engine-packet-codec.test.ts checks both directions against
 * engine.io-parser itself.
 */

export const protocol = 4;

/** Packet types by code: the code is a text packet's first character, its data the rest. */
const PACKET_TYPES = ['open', 'close', 'ping', 'pong', 'message', 'upgrade', 'noop'] as const;

export type PacketType = (typeof PACKET_TYPES)[number];

export interface Packet {
  type: PacketType | 'error';
  data?: unknown;
}

// What engine.io-parser answers for a packet it cannot read; the socket then closes the connection.
const ERROR_PACKET: Packet = { type: 'error', data: 'parser error' };

/** Hands `callback` the text of one packet (at once, as engine.io-parser does for text). */
export function encodePacket(
  { type, data }: { type: PacketType; data?: string },
  _supportsBinary: boolean,
  callback: (encoded: string) => void,
): void {
  callback(PACKET_TYPES.indexOf(type) + (data || ''));
}

/**
 * Reads one packet. A binary frame is passed on as a message, as engine.io-parser does: the Socket.IO
 * codec above refuses it. A base64 packet (`b…`), which servers send only to clients without binary
 * support (the panel's WebSocket has it), is not read.
 */
export function decodePacket(encoded: unknown): Packet {
  if (typeof encoded !== 'string') return { type: 'message', data: encoded };
  const match = /^([0-6])([\s\S]*)$/.exec(encoded);
  if (!match) return ERROR_PACKET;
  const type = PACKET_TYPES[Number(match[1])] as PacketType;
  return match[2] ? { type, data: match[2] } : { type };
}
