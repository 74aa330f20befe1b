/** The name a stored file is shown and downloaded under: the uploader's, made harmless. */
import { ATTACHMENT_NAME_MAX_LENGTH } from '@parley/shared';
import { extensionOf, type FileKind } from './file-kinds';

// Control characters, and bidirectional overrides that make "gnp.exe" read as "exe.png".
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * No folders, no control or bidi characters, no leading dots, at most ATTACHMENT_NAME_MAX_LENGTH
 * characters, and an extension that fits what the bytes are: a text file named `page.html` is
 * kept as `page.html.txt`, so no one opens it in a browser from their downloads.
 */
export function cleanFileName(raw: string, kind: FileKind): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  let name = base.replace(UNSAFE_CHARACTERS, '').trim().replace(/^[.\s]+|[.\s]+$/g, '');
  if (name === '') name = 'file';
  const extension = kind.extensions.includes(extensionOf(name)) ? '' : `.${kind.extensions[0]}`;
  const room = ATTACHMENT_NAME_MAX_LENGTH - extension.length;
  const characters = [...name];
  if (characters.length > room) {
    // Shorten the stem; the extension that fits stays.
    const keptEnd = extension === '' ? `.${extensionOf(name)}` : '';
    name = characters.slice(0, room - keptEnd.length).join('') + keptEnd;
  }
  return `${name}${extension}`;
}
