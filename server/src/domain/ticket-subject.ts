/**
 * A ticket's subject: the first line the requester wrote, or, when they wrote none (a chat of
 * files only), words in the requester's language, since the subject heads every e-mail they get.
 */

/** The subjects used when the requester wrote no text, in one language. */
export interface FallbackSubjects {
  /** A chat that became a ticket: with the visitor's name when they gave one. */
  chat(visitorName: string | null): string;
  /** A message sent through the offline form. */
  offlineMessage: string;
}

export type FallbackSubjectsFor = (locale: string) => FallbackSubjects;

export const ENGLISH_FALLBACK_SUBJECTS: FallbackSubjectsFor = () => ({
  chat: (visitorName) => (visitorName ? `Chat with ${visitorName}` : 'Chat with a visitor'),
  offlineMessage: 'Message from the website',
});

const SUBJECT_LENGTH = 80;

// Cut between what a reader sees as characters: a UTF-16 cut can halve an emoji into "�" (in every
// e-mail subject), a code-point cut can still strip a flag, a skin tone or an accent off its letter.
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The text's first 80 characters on one line (the 80th an ellipsis when cut); the fallback when it has none. */
export function ticketSubject(text: string | undefined, fallback: string): string {
  const line = (text ?? '').replace(/\s+/gu, ' ').trim();
  if (!line) return fallback;
  // Never more characters than UTF-16 units: most subjects need no segmenting.
  if (line.length <= SUBJECT_LENGTH) return line;
  const characters = Array.from(graphemes.segment(line), ({ segment }) => segment);
  if (characters.length <= SUBJECT_LENGTH) return line;
  return `${characters.slice(0, SUBJECT_LENGTH - 1).join('').trimEnd()}…`;
}
