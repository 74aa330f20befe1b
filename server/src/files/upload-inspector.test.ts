/** What the first bytes cannot prove is checked while the file streams through. */
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { storedZip } from '../test-support/attachment-fixtures';
import { detectFileKind, type FileKind } from './file-kinds';
import { createUploadInspector } from './upload-inspector';
import { UploadRefused } from './upload-refused';

async function inspect(chunks: Buffer[], kind: FileKind, maxBytes = 1024 * 1024): Promise<string> {
  let received = 0;
  try {
    await pipeline(
      Readable.from(chunks),
      createUploadInspector({ kind, maxBytes }),
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          received += chunk.length;
          done();
        },
      }),
    );
    return `passed ${received}`;
  } catch (error) {
    return error instanceof UploadRefused ? error.reason : `other: ${String(error)}`;
  }
}

const text = detectFileKind(Buffer.from('hello'), 'a.txt') as FileKind;
const docxName = 'a.docx';

test('text must stay text to the end, characters split across chunks included', async () => {
  const euro = Buffer.from('€');
  expect(await inspect([Buffer.from('price: '), euro.subarray(0, 1), euro.subarray(1), Buffer.from('5\n')], text)).toBe('passed 12');
  expect(await inspect([Buffer.from('fine so far\n'), Buffer.from('then \u0000 binary')], text)).toBe('typeNotAllowed');
  expect(await inspect([Buffer.from('cut mid character '), euro.subarray(0, 2)], text)).toBe('typeNotAllowed');
});

test('an Office file must hold its entries, found even across chunk boundaries', async () => {
  const docx = storedZip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w/>' });
  const kind = detectFileKind(docx, docxName) as FileKind;
  const pieces = Array.from({ length: Math.ceil(docx.length / 7) }, (_, i) => docx.subarray(i * 7, i * 7 + 7));
  expect(await inspect(pieces, kind)).toBe(`passed ${docx.length}`);
  const renamedZip = storedZip({ 'index.html': '<script>alert(1)</script>' });
  expect(await inspect([renamedZip], detectFileKind(renamedZip, docxName) as FileKind)).toBe('typeNotAllowed');
});

test('the size limit holds however the bytes are cut, and an empty file is refused', async () => {
  expect(await inspect([Buffer.alloc(600, 'a'), Buffer.alloc(424, 'a')], text, 1024)).toBe('passed 1024');
  expect(await inspect([Buffer.alloc(600, 'a'), Buffer.alloc(425, 'a')], text, 1024)).toBe('tooLarge');
  expect(await inspect([], text)).toBe('empty');
});
