/**
 * Checks an upload while it streams through: the size limit, and what the first bytes could not
 * prove (text stays UTF-8 text to the end; an Office file really holds its Office entries).
 * It fails the stream with UploadRefused, so nothing of a refused file is kept.
 */
import { Transform, type TransformCallback } from 'node:stream';
import { hasForbiddenControl, type FileKind } from './file-kinds';
import { UploadRefused } from './upload-refused';

export interface UploadInspectorOptions {
  kind: FileKind;
  maxBytes: number;
}

export function tooLarge(maxBytes: number): UploadRefused {
  return new UploadRefused('tooLarge', `The file is larger than ${describeBytes(maxBytes)}.`);
}

export const notAllowed = () =>
  new UploadRefused('typeNotAllowed', 'Only images (PNG, JPEG, GIF, WebP), PDF, plain text, Word and Excel files can be sent.');

export function describeBytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 1 ? `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

export function createUploadInspector({ kind, maxBytes }: UploadInspectorOptions): Transform {
  let received = 0;
  const text = kind.text ? new TextDecoder('utf-8', { fatal: true }) : null;
  const entries = kind.zipEntries ? createSubstringWatch(kind.zipEntries) : null;

  function inspect(chunk: Buffer, final: boolean): UploadRefused | null {
    if (text) {
      try {
        if (hasForbiddenControl(text.decode(chunk, { stream: !final }))) return notAllowed();
      } catch {
        return notAllowed();
      }
    }
    if (entries) entries.feed(chunk);
    if (final && entries && !entries.allSeen()) return notAllowed();
    return null;
  }

  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      received += chunk.length;
      if (received > maxBytes) return done(tooLarge(maxBytes));
      done(inspect(chunk, false), chunk);
    },
    flush(done: TransformCallback) {
      if (received === 0) return done(new UploadRefused('empty', 'The file is empty.'));
      done(inspect(Buffer.alloc(0), true));
    },
  });
}

/** Finds byte strings anywhere in a stream, across chunk boundaries. */
function createSubstringWatch(needles: readonly string[]) {
  const pending = new Set(needles.map((needle) => Buffer.from(needle, 'latin1')));
  const keep = Math.max(...[...pending].map((needle) => needle.length)) - 1;
  let tail = Buffer.alloc(0);
  return {
    feed(chunk: Buffer) {
      if (pending.size === 0) return;
      const window = Buffer.concat([tail, chunk]);
      for (const needle of pending) if (window.includes(needle)) pending.delete(needle);
      tail = window.subarray(Math.max(0, window.length - keep));
    },
    allSeen: () => pending.size === 0,
  };
}
