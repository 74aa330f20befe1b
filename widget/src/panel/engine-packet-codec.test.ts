// The panel's text-only Engine.IO codec must speak exactly engine.io-parser's protocol 4: each side
// decodes what the other encodes, and what engine.io-parser cannot read, the codec cannot either.
import * as reference from 'engine.io-parser';
import { decodePacket, encodePacket, protocol, type Packet, type PacketType } from './engine-packet-codec';

const packets: { type: PacketType; data?: string }[] = [
  {
    type: 'open',
    data: '{"sid":"lv_zyA4mHxY5tR2aAAAB","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}',
  },
  { type: 'close' },
  { type: 'ping' },
  { type: 'pong' },
  { type: 'ping', data: 'probe' },
  {
    type: 'message',
    data: '2/visitor,["message:new",{"text":"Привет, «мир» 👋 \\\\ \\"quotes\\"","seq":3}]',
  },
  { type: 'message', data: '0/visitor,{"siteKey":"site_key_123"}' },
  { type: 'upgrade' },
  { type: 'noop' },
];

const encodeWith = (encode: typeof encodePacket, packet: { type: PacketType; data?: string }): string => {
  let encoded: string | undefined;
  encode(packet, true, (text) => (encoded = text));
  if (encoded === undefined) throw new Error('nothing encoded at once');
  return encoded;
};

describe('engine packet codec', () => {
  it('speaks protocol 4', () => {
    expect(protocol).toBe(reference.protocol);
  });

  it.each(packets.map((packet) => [packet.type, packet] as const))(
    'encodes %s exactly as engine.io-parser does, and each decodes the other',
    (_type, packet) => {
      const ours = encodeWith(encodePacket, packet);
      expect(ours).toBe(encodeWith(reference.encodePacket as typeof encodePacket, packet));
      expect(reference.decodePacket(ours, 'arraybuffer')).toEqual(packet);
      expect(decodePacket(ours)).toEqual(packet);
    },
  );

  it.each([
    ['an unknown packet type', '9hello'],
    ['a packet that is not one', 'hello'],
    ['an empty packet', ''],
  ])('reads %s as engine.io-parser does: as its parser error', (_what, encoded) => {
    const error: Packet = { type: 'error', data: 'parser error' };
    expect(reference.decodePacket(encoded, 'arraybuffer')).toEqual(error);
    expect(decodePacket(encoded)).toEqual(error);
  });

  it('passes a binary frame on as a message, as engine.io-parser does (the Socket.IO codec refuses it)', () => {
    const frame = new Uint8Array([1, 2, 3]).buffer;
    expect(reference.decodePacket(frame, 'arraybuffer')).toEqual({ type: 'message', data: frame });
    expect(decodePacket(frame)).toEqual({ type: 'message', data: frame });
  });

  it('does not read base64 packets, sent only to clients without binary support', () => {
    expect(decodePacket('bAQID')).toEqual({ type: 'error', data: 'parser error' });
  });
});
