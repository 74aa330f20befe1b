/**
 * File contents in a folder (DATA_DIR/files by default). A file is written under a temporary name,
 * flushed to disk, then renamed into place: a crash or a refused upload never leaves part of a
 * file under a real name.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FileStore, OpenedFile } from '../domain/file-store.port';

// Lowercase hex: safe as a file name on case-insensitive file systems too, and never a path.
const FILE_ID = /^[0-9a-f]{32}$/;
const TEMP_DIR = '.incoming';
// Temporary files this old were left by a process that died mid-upload.
const STALE_TEMP_MS = 24 * 3600_000;

interface MetaFile {
  contentType: string;
}

export function createFolderFileStore(root: string): FileStore {
  const tempDir = path.join(root, TEMP_DIR);
  fs.mkdirSync(tempDir, { recursive: true });
  void removeStaleTemps(tempDir);

  // Two-level fan-out keeps directories small: files/ab/ab12….
  const dataPath = (fileId: string) => path.join(root, fileId.slice(0, 2), fileId);
  const metaPath = (fileId: string) => `${dataPath(fileId)}.json`;

  return {
    kind: 'folder',

    async put(source, meta) {
      const fileId = randomBytes(16).toString('hex');
      const tempData = path.join(tempDir, `${fileId}.part`);
      const tempMeta = path.join(tempDir, `${fileId}.json.part`);
      try {
        await pipeline(Buffer.isBuffer(source) ? Readable.from([source]) : source, fs.createWriteStream(tempData, { flags: 'wx' }));
        await flushToDisk(tempData);
        const metaFile: MetaFile = { contentType: meta.contentType };
        await fs.promises.writeFile(tempMeta, JSON.stringify(metaFile), { flag: 'wx' });
        await fs.promises.mkdir(path.dirname(dataPath(fileId)), { recursive: true });
        await fs.promises.rename(tempMeta, metaPath(fileId));
        // The data's rename is the commit: a file exists once its bytes are in place, complete.
        await fs.promises.rename(tempData, dataPath(fileId));
        const { size } = await fs.promises.stat(dataPath(fileId));
        return { fileId, size };
      } catch (error) {
        await Promise.all([tempData, tempMeta].map((file) => fs.promises.rm(file, { force: true })));
        throw error;
      }
    },

    async open(fileId): Promise<OpenedFile | null> {
      if (!FILE_ID.test(fileId)) return null;
      let handle: fs.promises.FileHandle;
      try {
        handle = await fs.promises.open(dataPath(fileId), 'r');
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
      try {
        const { size } = await handle.stat();
        const meta = await readMeta(metaPath(fileId));
        // The stream owns the handle from here and closes it when done or destroyed.
        return { stream: handle.createReadStream(), size, contentType: meta.contentType };
      } catch (error) {
        await handle.close();
        throw error;
      }
    },

    async delete(fileId) {
      if (!FILE_ID.test(fileId)) return;
      await fs.promises.rm(dataPath(fileId), { force: true });
      await fs.promises.rm(metaPath(fileId), { force: true });
    },
  };
}

async function flushToDisk(file: string): Promise<void> {
  const handle = await fs.promises.open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function readMeta(file: string): Promise<MetaFile> {
  try {
    const parsed = JSON.parse(await fs.promises.readFile(file, 'utf8')) as Partial<MetaFile>;
    if (typeof parsed.contentType === 'string') return { contentType: parsed.contentType };
  } catch (error) {
    if (!isMissing(error) && !(error instanceof SyntaxError)) throw error;
  }
  // Never guess a type a browser could render: without its meta a file is opaque bytes.
  return { contentType: 'application/octet-stream' };
}

async function removeStaleTemps(tempDir: string): Promise<void> {
  try {
    const cutoff = Date.now() - STALE_TEMP_MS;
    for (const name of await fs.promises.readdir(tempDir)) {
      const file = path.join(tempDir, name);
      const { mtimeMs } = await fs.promises.stat(file);
      if (mtimeMs < cutoff) await fs.promises.rm(file, { force: true });
    }
  } catch {
    // Best effort: another process may be cleaning the same folder.
  }
}

const isMissing = (error: unknown) =>
  typeof error === 'object' && error !== null && (error as { code?: string }).code === 'ENOENT';
