/** Stored names: harmless, bounded, with an extension that fits the bytes. */
import { ATTACHMENT_NAME_MAX_LENGTH } from '@parley/shared';
import { PNG_1x1 } from '../test-support/attachment-fixtures';
import { detectFileKind, type FileKind } from './file-kinds';
import { cleanFileName } from './file-name';

const png = detectFileKind(PNG_1x1, 'a.png') as FileKind;
const text = detectFileKind(Buffer.from('plain'), 'a.txt') as FileKind;

test('folders, control and bidi characters and edge dots go; a fitting extension stays', () => {
  expect(cleanFileName('C:\\Users\\me\\cat.png', png)).toBe('cat.png');
  expect(cleanFileName('../../etc/cat.PNG', png)).toBe('cat.PNG');
  expect(cleanFileName('inv\u202Egnp.exe', png)).toBe('invgnp.exe.png');
  expect(cleanFileName('a\u0000b\nc.png', png)).toBe('abc.png');
  expect(cleanFileName('...', png)).toBe('file.png');
  expect(cleanFileName('.htaccess', text)).toBe('htaccess.txt');
});

test('an extension that does not fit the bytes gets the right one added', () => {
  expect(cleanFileName('page.html', text)).toBe('page.html.txt');
  expect(cleanFileName('photo.svg', png)).toBe('photo.svg.png');
  expect(cleanFileName('notes', text)).toBe('notes.txt');
});

test('long names are shortened, keeping the extension', () => {
  const long = cleanFileName(`${'ж'.repeat(500)}.png`, png);
  expect([...long]).toHaveLength(ATTACHMENT_NAME_MAX_LENGTH);
  expect(long.endsWith('ж.png')).toBe(true);
  const added = cleanFileName('x'.repeat(500), png);
  expect(added).toHaveLength(ATTACHMENT_NAME_MAX_LENGTH);
  expect(added.endsWith('x.png')).toBe(true);
});
