/**
 * Message text as text, with web addresses made clickable. Nothing is ever parsed as HTML:
 * every piece becomes a text node or an <a> whose href we built and checked ourselves.
 */
import { findWebAddresses } from '@parley/shared';
import type { JSX } from 'preact';

export type TextPiece = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

/** Only http(s) addresses become links; `javascript:` and friends stay text. */
export function safeHref(candidate: string): string | null {
  const withScheme = /^www\./i.test(candidate) ? `https://${candidate}` : candidate;
  try {
    const url = new URL(withScheme);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

export function splitLinks(text: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  let last = 0;
  const push = (piece: TextPiece) => {
    const previous = pieces[pieces.length - 1];
    if (piece.kind === 'text' && previous?.kind === 'text') previous.text += piece.text;
    else if (piece.text) pieces.push(piece);
  };
  for (const { start, text: address } of findWebAddresses(text)) {
    const href = safeHref(address);
    push({ kind: 'text', text: text.slice(last, start) });
    push(href ? { kind: 'link', text: address, href } : { kind: 'text', text: address });
    last = start + address.length;
  }
  push({ kind: 'text', text: text.slice(last) });
  return pieces;
}

export function LinkifiedText({ text }: { text: string }): JSX.Element {
  return (
    <>
      {splitLinks(text).map((piece, index) =>
        piece.kind === 'link' ? (
          <a key={index} href={piece.href} target="_blank" rel="noopener noreferrer nofollow">
            {piece.text}
          </a>
        ) : (
          piece.text
        ),
      )}
    </>
  );
}
