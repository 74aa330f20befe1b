/** The folder file store: whole files or nothing, by unguessable ids, surviving a new instance. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { createFolderFileStore } from './folder-file-store';

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-files-'));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

const readAll = async (stream: Readable) => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};
const filesUnder = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [e.name]));

test('a stored file opens with its bytes, size and type, from another instance too, until deleted', async () => {
  const files = createFolderFileStore(root);
  const { fileId, size } = await files.put(Readable.from([Buffer.from('hello '), Buffer.from('world')]), { contentType: 'text/plain' });
  expect(size).toBe(11);
  expect(fileId).toMatch(/^[0-9a-f]{32}$/);
  const reopened = createFolderFileStore(root);
  const file = await reopened.open(fileId);
  expect(file).toMatchObject({ size: 11, contentType: 'text/plain' });
  expect((await readAll(file?.stream as Readable)).toString()).toBe('hello world');
  await reopened.delete(fileId);
  await reopened.delete(fileId);
  expect(await reopened.open(fileId)).toBeNull();
});

test('a source that fails midway leaves no file and no temporary behind', async () => {
  const files = createFolderFileStore(root);
  async function* failing() {
    yield Buffer.from('half a file');
    throw new Error('connection dropped');
  }
  await expect(files.put(Readable.from(failing()), { contentType: 'image/png' })).rejects.toThrow('connection dropped');
  expect(filesUnder(root)).toEqual([]);
});

test('ids that are not ours open nothing and delete nothing', async () => {
  const files = createFolderFileStore(root);
  fs.writeFileSync(path.join(root, 'secret'), 'x');
  for (const id of ['../secret', 'secret', '', 'A'.repeat(32)]) {
    expect(await files.open(id)).toBeNull();
    await files.delete(id);
  }
  expect(fs.existsSync(path.join(root, 'secret'))).toBe(true);
});
