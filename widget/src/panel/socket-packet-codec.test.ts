// The panel's JSON-only codec must speak exactly socket.io-parser's protocol 5: each side decodes
// what the other encodes, and what socket.io-parser refuses, the codec refuses too.
import * as reference from 'socket.io-parser';
import { Decoder, Encoder, PacketType, protocol, type Packet } from './socket-packet-codec';

const packets: Packet[] = [
  { type: PacketType.CONNECT, nsp: '/visitor', data: { siteKey: 'site_key_123', visitorToken: 'a'.repeat(43) } },
  { type: PacketType.CONNECT, nsp: '/visitor', data: { sid: 'abc', pid: 'p1' } },
  { type: PacketType.DISCONNECT, nsp: '/visitor' },
  { type: PacketType.EVENT, nsp: '/visitor', data: ['message:new', { text: 'Привет, «мир» 👋 \\ "quotes"', seq: 3 }] },
  { type: PacketType.EVENT, nsp: '/visitor', id: 12, data: ['message:send', { clientId: 'client_0001', text: 'hi' }] },
  { type: PacketType.EVENT, nsp: '/', data: ['ping'] },
  { type: PacketType.ACK, nsp: '/visitor', id: 12, data: [{ ok: true, data: null }] },
  { type: PacketType.CONNECT_ERROR, nsp: '/visitor', data: { message: 'unknown site', data: { code: 'SITE_NOT_FOUND' } } },
  { type: PacketType.CONNECT_ERROR, nsp: '/visitor', data: 'Invalid namespace' },
];

function decodeWith(decoder: { add(data: unknown): void; on(event: 'decoded', fn: (packet: Packet) => void): unknown }, data: string): Packet {
  let decoded: Packet | undefined;
  decoder.on('decoded', (packet) => (decoded = packet));
  decoder.add(data);
  if (!decoded) throw new Error('nothing decoded');
  return decoded;
}

describe('socket packet codec', () => {
  it('speaks protocol 5 with the same packet type numbers', () => {
    expect(protocol).toBe(reference.protocol);
    for (const name of ['CONNECT', 'DISCONNECT', 'EVENT', 'ACK', 'CONNECT_ERROR', 'BINARY_EVENT', 'BINARY_ACK'] as const) {
      expect(PacketType[name]).toBe(reference.PacketType[name]);
    }
  });

  it.each(packets.map((packet) => [PacketType[packet.type], packet] as const))(
    'encodes %s exactly as socket.io-parser does, and each decodes the other',
    (_name, packet) => {
      const ours = new Encoder().encode(packet);
      expect(ours).toEqual(new reference.Encoder().encode(packet as reference.Packet));
      expect(decodeWith(new reference.Decoder() as never, ours[0]!)).toEqual(packet);
      expect(decodeWith(new Decoder(), ours[0]!)).toEqual(packet);
    },
  );

  it.each([
    ['an unknown packet type', '9/visitor,["x"]'],
    ['a reserved event name', '2/visitor,["connect"]'],
    ['an event without a name', '2/visitor,[]'],
    ['a payload that is not JSON', '2/visitor,["x"'],
    ['a disconnect with a payload', '1/visitor,{}'],
    ['a connect whose payload is not an object', '0/visitor,"x"'],
  ])('refuses %s, as socket.io-parser does', (_what, encoded) => {
    expect(() => new reference.Decoder().add(encoded)).toThrow();
    expect(() => new Decoder().add(encoded)).toThrow();
  });

  it('refuses binary packets, which the visitor namespace never carries', () => {
    expect(() => new Decoder().add('51-/visitor,["file",{"_placeholder":true,"num":0}]')).toThrow();
    expect(() => new Decoder().add(new ArrayBuffer(4))).toThrow();
  });
});
