/**
 * File contents in GridFS beside the MongoDB store, on the store's own connection, so every
 * server process sees every file. GridFS writes a file's document only after its last chunk:
 * an upload cut short is never a file, and its chunks are removed when we see it fail.
 */
import mongoose, { type Connection } from 'mongoose';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FileStore } from '../../domain/file-store.port';

const BUCKET = 'attachment_files';
const FILE_ID = /^[0-9a-f]{24}$/;

interface FileMetadata {
  contentType?: unknown;
}

export function createGridFsFileStore(connection: Connection): FileStore {
  const bucket = () => {
    const db = connection.db;
    if (!db) throw new Error('GridFS: the MongoDB connection is not open');
    return new mongoose.mongo.GridFSBucket(db, { bucketName: BUCKET });
  };
  const objectId = (fileId: string) => (FILE_ID.test(fileId) ? new mongoose.mongo.ObjectId(fileId) : null);

  return {
    kind: 'gridfs',

    async put(source, meta) {
      const upload = bucket().openUploadStream('attachment', { metadata: { contentType: meta.contentType } });
      try {
        await pipeline(Buffer.isBuffer(source) ? Readable.from([source]) : source, upload);
      } catch (error) {
        await upload.abort().catch(() => undefined);
        throw error;
      }
      return { fileId: upload.id.toHexString(), size: upload.length };
    },

    async open(fileId) {
      const id = objectId(fileId);
      if (!id) return null;
      const files = bucket();
      const [file] = await files.find({ _id: id }, { limit: 1 }).toArray();
      if (!file) return null;
      const { contentType } = (file.metadata ?? {}) as FileMetadata;
      return {
        stream: files.openDownloadStream(id),
        size: file.length,
        contentType: typeof contentType === 'string' ? contentType : 'application/octet-stream',
      };
    },

    async delete(fileId) {
      const id = objectId(fileId);
      if (!id) return;
      try {
        await bucket().delete(id);
      } catch (error) {
        // Already gone: deleting is idempotent.
        if (!(error instanceof mongoose.mongo.MongoRuntimeError) || !/not found/i.test(error.message)) throw error;
      }
    },
  };
}
