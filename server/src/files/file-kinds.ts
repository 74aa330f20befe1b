/**
 * Which files Parley accepts, decided from their first bytes (magic numbers), never from the
 * declared Content-Type or the extension. Anything a browser could run (HTML, SVG, XML) is refused.
 */
import { INLINE_IMAGE_TYPES, type AttachmentContentType } from '@parley/shared';

export interface FileKind {
  contentType: AttachmentContentType;
  /** Lowercase, without the dot; the first is the one a name gets when it has none of them. */
  extensions: readonly string[];
  isImage: boolean;
  /** Plain text: the whole file must be UTF-8 without control characters (checked while streaming). */
  text?: true;
  /** Office Open XML: zip entries that must appear in the archive (checked while streaming). */
  zipEntries?: readonly string[];
}

/** Enough bytes to recognise every accepted kind. */
export const SNIFF_BYTES = 512;

const kind = (contentType: AttachmentContentType, extensions: string[], extra: Partial<FileKind> = {}): FileKind => ({
  contentType, extensions, isImage: INLINE_IMAGE_TYPES.includes(contentType), ...extra,
});

const PNG = kind('image/png', ['png']);
const JPEG = kind('image/jpeg', ['jpg', 'jpeg']);
const GIF = kind('image/gif', ['gif']);
const WEBP = kind('image/webp', ['webp']);
const PDF = kind('application/pdf', ['pdf']);
const TEXT = kind('text/plain', ['txt', 'log', 'csv', 'md'], { text: true });
const DOCX = kind('application/vnd.openxmlformats-officedocument.wordprocessingml.document', ['docx'], {
  zipEntries: ['[Content_Types].xml', 'word/'],
});
const XLSX = kind('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ['xlsx'], {
  zipEntries: ['[Content_Types].xml', 'xl/'],
});

const startsWith = (head: Buffer, bytes: number[] | string, at = 0) => {
  const expected = typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : Buffer.from(bytes);
  return head.length >= at + expected.length && head.subarray(at, at + expected.length).equals(expected);
};

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/**
 * The kind of a file from its first bytes (at least SNIFF_BYTES of them, or the whole file if
 * shorter), or null when Parley does not take it. Zip archives count only as .docx/.xlsx, and
 * only once the streaming check finds their entries.
 */
export function detectFileKind(head: Buffer, name: string): FileKind | null {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return PNG;
  if (startsWith(head, [0xff, 0xd8, 0xff])) return JPEG;
  if (startsWith(head, 'GIF87a') || startsWith(head, 'GIF89a')) return GIF;
  if (startsWith(head, 'RIFF') && startsWith(head, 'WEBP', 8)) return WEBP;
  if (startsWith(head, '%PDF-')) return PDF;
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
    const extension = extensionOf(name);
    return [DOCX, XLSX].find((office) => office.extensions.includes(extension)) ?? null;
  }
  return looksLikePlainText(head) ? TEXT : null;
}

/**
 * UTF-8 (an incomplete character at the cut is fine), no control characters but tab, line
 * breaks and form feed, and not starting with markup: `<html>`, `<svg>` or `<?xml` renamed to
 * .png or .txt is refused, not stored as text.
 */
export function looksLikePlainText(head: Buffer): boolean {
  if (head.length === 0) return false;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
  } catch {
    return false;
  }
  if (hasForbiddenControl(text)) return false;
  return !/^\s*</.test(text.replace(/^\uFEFF/, ''));
}

// eslint-disable-next-line no-control-regex
const FORBIDDEN_CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/;
export const hasForbiddenControl = (text: string) => FORBIDDEN_CONTROL.test(text);
