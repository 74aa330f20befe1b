/**
 * Seeded generators of hostile Engine.IO / Socket.IO frames: every kind of wrong a client can send
 * to a namespace. Seeded, so a failing run can be replayed with the seed it printed.
 */

/** mulberry32: tiny, fast, good enough to pick garbage reproducibly. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Frame = string | Buffer;

export interface FrameContext {
  random: () => number;
  /** '/visitor' or '/agent'. */
  namespace: string;
  /** The namespace's real client-to-server event names. */
  events: readonly string[];
  /** The server's frame limit: oversized frames go just past it. */
  maxFrameBytes: number;
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const int = (random: () => number, max: number) => Math.floor(random() * max);

const TRAPS = [
  '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '$gt', '$ne', '$where',
  'connect', 'disconnect', 'disconnecting', 'error', 'newListener', 'removeListener', '', ' ', '\u0000',
  'message:send ', 'MESSAGE:SEND', 'message:send\n', 'x'.repeat(300), '😀', '..', '/agent',
];

const NON_STRINGS = ['null', 'true', '0', '1e999', '[]', '{}', '["hi"]', '{"$ne":null}'];

/** JSON values of every wrong type a payload can have (never a whole valid request). */
function wrongValue(random: () => number, depth = 0): string {
  const options: (() => string)[] = [
    () => 'null', () => 'true', () => '0', () => '-1', () => '1e308', () => '-1e308', () => '1e999',
    () => '123456789012345678901234567890', () => '0.1', () => '-0', () => '""', () => JSON.stringify('a'.repeat(int(random, 9000))),
    () => JSON.stringify(String.fromCharCode(...Array.from({ length: 20 }, () => int(random, 0xffff)))),
    () => '[]', () => '{}', () => `[${wrongValue(random, depth + 1)}]`,
    () => `{"__proto__":{"admin":true},"constructor":{"prototype":{"polluted":true}}}`,
    () => `{"$gt":"","$ne":null,"$where":"sleep(1000)"}`,
    () => `{"clientId":{"$gt":""},"text":{"$ne":null}}`,
    () => `{"conversationId":{"$ne":null}}`,
    () => `{"clientId":"${'A'.repeat(8)}","text":${pick(random, NON_STRINGS)}}`,
    () => `{"_placeholder":true,"num":${int(random, 4)}}`,
  ];
  const choice = depth > 3 ? options.slice(0, 12) : options;
  return pick(random, choice)();
}

/** A well-formed EVENT whose payload no schema accepts (a non-object, or an object with a trap key). */
export function rejectedEventJson(random: () => number, event: string): string {
  const payload = pick(random, [
    'null', 'true', '42', '"text"', '[]', '[1,2,3]', '1e999',
    `{"__proto__":{"admin":true}}`, `{"constructor":{"prototype":{"x":1}}}`, `{"$gt":""}`,
    `{"clientId":{"$gt":""},"text":"hi"}`, `{"conversationId":{"$ne":null}}`,
  ]);
  return `[${JSON.stringify(event)},${payload}]`;
}

/** One hostile frame of a random kind. Most make the server drop the connection; none may crash it. */
export function hostileFrame(ctx: FrameContext): Frame[] {
  const { random, namespace: nsp, events } = ctx;
  const event = () => (random() < 0.6 ? pick(random, events) : pick(random, TRAPS));
  const ackId = () => pick(random, ['', String(int(random, 1000)), '99999999999999999999999', '-1', '1.5', '00', '1e3']);
  const kinds: (() => Frame[])[] = [
    // Engine.IO: unknown packet types, empty frames, a close, a stray pong, upgrade noise.
    () => [pick(random, ['', '7', '8', '9', 'x', '\u0000', '5', '6', '1', '3', '3probe', '2probe', '4'])],
    // Binary junk where no attachment is expected.
    () => [Buffer.from(Array.from({ length: 1 + int(random, 512) }, () => int(random, 256)))],
    // Socket.IO: unknown packet types and namespaces.
    () => [`4${pick(random, ['7', '8', '9', 'a', '-', ''])}${nsp},[]`],
    () => [`42${pick(random, ['/nope', '/', '/admin', '/agent/../visitor', '/%00', ''])},["message:send",{}]`],
    // Broken JSON, cut anywhere.
    () => {
      const whole = `42${nsp},${ackId()}[${JSON.stringify(event())},{"clientId":"abcdefgh1","text":"hi"}]`;
      return [whole.slice(0, 4 + int(random, whole.length - 4))];
    },
    () => [`42${nsp},[${JSON.stringify(event())},{"a":1,}]`, `42${nsp},["message:send",NaN]`, `42${nsp},{"0":"message:send"}`],
    // Well-formed events with wrong payload types, pollution keys and odd ack ids.
    () => [`42${nsp},${ackId()}[${JSON.stringify(event())},${wrongValue(random)}]`],
    () => [`42${nsp},${ackId()}[${JSON.stringify(event())},${wrongValue(random)},${wrongValue(random)},${wrongValue(random)}]`],
    () => [`42${nsp},${ackId()}[${wrongValue(random)},${wrongValue(random)}]`],
    () => [`42${nsp},${ackId()}[${JSON.stringify(event())}]`],
    // Deep nesting, inside the frame limit.
    () => {
      const depth = 100 + int(random, Math.floor(ctx.maxFrameBytes / 2) - 200);
      return [`42${nsp},[${JSON.stringify(event())},${'['.repeat(depth)}${']'.repeat(depth)}]`];
    },
    () => {
      const depth = 100 + int(random, Math.floor(ctx.maxFrameBytes / 6) - 200);
      return [`42${nsp},[${JSON.stringify(event())},${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}]`];
    },
    // Binary placeholders: a real attachment, a missing one, an out-of-range index, too many.
    () => [`451-${nsp},${ackId()}[${JSON.stringify(event())},{"_placeholder":true,"num":0}]`, Buffer.from([1, 2, 3])],
    () => [`451-${nsp},[${JSON.stringify(event())},{"_placeholder":true,"num":${pick(random, ['7', '-1', '"0"', 'null'])}}]`, Buffer.from([0])],
    () => [`4${pick(random, ['5', '6'])}${pick(random, ['11', '999999', '0', '-1', 'x'])}-${nsp},[${JSON.stringify(event())},{}]`],
    // Acks for requests the server never made; a CONNECT_ERROR from the client; a second CONNECT.
    () => [`43${nsp},${int(random, 100000)}[{"ok":true}]`, `44${nsp},{"message":"x"}`],
    // Oversized: just past the frame limit.
    () => [`42${nsp},["message:send",{"clientId":"abcdefgh1","text":"${'x'.repeat(ctx.maxFrameBytes)}"}]`],
    // Control characters and invalid surrogates inside strings.
    () => [`42${nsp},["message:send",{"clientId":"\\u0000\\ud800abcdefgh","text":"\\udfff\\u0007"}]`],
  ];
  return pick(random, kinds)();
}
