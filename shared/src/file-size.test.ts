import { formatFileSize } from './file-size';

test('bytes under a kilobyte, kilobytes whole, megabytes to one decimal, in the reader’s language', () => {
  expect(formatFileSize(48, 'en')).toBe('48 bytes');
  expect(formatFileSize(48, 'ru')).toBe('48 байт');
  expect(formatFileSize(820 * 1024, 'en')).toBe('820 kB');
  expect(formatFileSize(1.4 * 1024 * 1024, 'en')).toBe('1.4 MB');
  expect(formatFileSize(1.4 * 1024 * 1024, 'de')).toBe('1,4 MB');
});
