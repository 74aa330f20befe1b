/** The port for file contents (attachment bytes): a folder under DATA_DIR, or GridFS beside MongoDB. */
import type { Readable } from 'node:stream';

export interface StoredFileMeta {
  contentType: string;
  /** In bytes. */
  size: number;
}

export interface OpenedFile extends StoredFileMeta {
  stream: Readable;
}

export interface FileStore {
  readonly kind: 'folder' | 'gridfs';
  /**
   * Streams `source` into storage under a new, unguessable id. Nothing is kept under that id
   * unless every byte arrived: if `source` fails (a refused type, a size limit, a dropped
   * connection) or the process dies midway, put rejects and no file exists.
   */
  put(source: Readable | Buffer, meta: { contentType: string }): Promise<{ fileId: string; size: number }>;
  /** Null when there is no such file (or the id is not one of ours). */
  open(fileId: string): Promise<OpenedFile | null>;
  /** Idempotent: deleting a missing file is not an error. */
  delete(fileId: string): Promise<void>;
}
