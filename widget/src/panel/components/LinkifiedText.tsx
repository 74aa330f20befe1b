/** Message text as text, with web addresses as links: never HTML, and only http(s) links. */
import type { JSX } from 'preact';

const URL_PATTERN = /\b(?:https?:\/\/|www\.)[^\s<>"]+/gi;
// Punctuation that usually ends a sentence rather than the address.
const TRAILING_PUNCTUATION = /[.,;:!?'")\]}]+$/;

export interface TextPart {
  text: string;
  href?: string;
}

/** Splits text into plain parts and link parts; exported for tests. */
export function splitLinks(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    let address = match[0];
    const trailing = TRAILING_PUNCTUATION.exec(address)?.[0] ?? '';
    // Keep a closing parenthesis that belongs to the address, as in Wikipedia links.
    const keep = trailing.startsWith(')') && address.includes('(') ? 1 : 0;
    address = address.slice(0, address.length - trailing.length + keep);
    const start = match.index;
    if (start > last) parts.push({ text: text.slice(last, start) });
    const href = address.toLowerCase().startsWith('www.') ? `https://${address}` : address;
    parts.push({ text: address, href });
    last = start + address.length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

export function LinkifiedText({ text }: { text: string }): JSX.Element {
  return (
    <>
      {splitLinks(text).map((part, index) =>
        part.href ? (
          <a key={index} href={part.href} target="_blank" rel="noopener noreferrer">
            {part.text}
          </a>
        ) : (
          part.text
        ),
      )}
    </>
  );
}
