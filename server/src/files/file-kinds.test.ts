/** Accepted kinds are recognised by their bytes; markup and unknown binaries never are. */
import { PNG_1x1, storedZip } from '../test-support/attachment-fixtures';
import { detectFileKind } from './file-kinds';

const kindOf = (bytes: Buffer | string, name = 'file') => detectFileKind(Buffer.from(bytes), name)?.contentType ?? null;

test('images, PDF, text and Office files by their first bytes, whatever their name says', () => {
  expect(kindOf(PNG_1x1, 'x.pdf')).toBe('image/png');
  expect(kindOf(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'x.txt')).toBe('image/jpeg');
  expect(kindOf('GIF89a\x01\x00\x01\x00')).toBe('image/gif');
  expect(kindOf('RIFF\x24\x00\x00\x00WEBPVP8 ')).toBe('image/webp');
  expect(kindOf('%PDF-1.7\n')).toBe('application/pdf');
  expect(kindOf('Hello,\r\n\tworld — ünïcödé ✓\n', 'x.png')).toBe('text/plain');
  const docx = storedZip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w/>' });
  expect(kindOf(docx, 'Report.DOCX')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  expect(kindOf(docx, 'sheet.xlsx')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
});

test('only raster images count as images', () => {
  expect(detectFileKind(PNG_1x1, 'a.png')?.isImage).toBe(true);
  expect(detectFileKind(Buffer.from('%PDF-1.4'), 'a.pdf')?.isImage).toBe(false);
});

test.each([
  ['HTML', '<!doctype html><p>hi'],
  ['HTML after blank lines and a BOM', '\uFEFF\n\n   <html>'],
  ['SVG', '<svg xmlns="http://www.w3.org/2000/svg"/>'],
  ['XML', '<?xml version="1.0"?><x/>'],
  ['binary with NUL bytes', 'abc\u0000def'],
  ['an escape sequence', 'text \u001b[31m red'],
  ['invalid UTF-8', Buffer.from([0x41, 0xc3, 0x28, 0x41])],
  ['a Windows executable', Buffer.from([0x4d, 0x5a, 0x90, 0x00])],
  ['a zip that is not named as an Office file', storedZip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w/>' })],
  ['nothing', ''],
])('%s is not accepted', (_label, bytes) => {
  expect(kindOf(bytes, 'innocent.txt')).toBeNull();
});

test('a UTF-8 character cut at the end of the sniffed bytes is still text', () => {
  const text = Buffer.from('é'.repeat(300));
  expect(kindOf(text.subarray(0, 511))).toBe('text/plain');
});
