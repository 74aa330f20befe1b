/** Message text as text, with web addresses as links: never HTML, and only http(s) links. */
import { findWebAddresses } from '@parley/shared';
import type { JSX } from 'preact';

export interface TextPart {
  text: string;
  href?: string;
}

/** Splits text into plain parts and link parts; exported for tests. */
export function splitLinks(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const { start, text: address } of findWebAddresses(text)) {
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
