/** File sizes as the widget and the console show them, in the reader's language. */
const MB = 1024 * 1024;

/** "16 bytes", "820 kB", "1.4 MB" (of 1,024, as the server counts its limit); `locale` as Intl takes it. */
export function formatFileSize(bytes: number, locale: string): string {
  const unit = bytes >= MB ? 'megabyte' : bytes >= 1024 ? 'kilobyte' : 'byte';
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit,
    // Short, a byte count reads "16 byte" in English: the long name is plain in every language.
    unitDisplay: unit === 'byte' ? 'long' : 'short',
    maximumFractionDigits: unit === 'megabyte' ? 1 : 0,
  }).format(bytes / (unit === 'megabyte' ? MB : unit === 'kilobyte' ? 1024 : 1));
}
