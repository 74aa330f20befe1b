/** Reads the first bytes of a stream to look at them, then hands on the whole stream, those bytes included. */
import { Readable } from 'node:stream';

export interface StreamWithHead {
  /** At least `bytes` bytes, or everything when the stream is shorter. */
  head: Buffer;
  /** The stream from its first byte; destroying it destroys the source. */
  whole: Readable;
}

export async function readHead(source: Readable, bytes: number): Promise<StreamWithHead> {
  const iterator: AsyncIterator<Buffer> = source[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let length = 0;
  let ended = false;
  while (length < bytes) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    chunks.push(next.value);
    length += next.value.length;
  }
  const head = Buffer.concat(chunks);
  async function* rest(): AsyncGenerator<Buffer> {
    try {
      yield head;
      for (let next = ended ? null : await iterator.next(); next && !next.done; next = await iterator.next()) yield next.value;
    } finally {
      source.destroy();
    }
  }
  return { head, whole: Readable.from(rest(), { objectMode: false }) };
}
