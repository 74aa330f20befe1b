/** Ids the console gives its own messages, so a resend is recognised as the same message. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** 22 random base64url characters: 132 bits, well inside the shared ClientIdSchema (8–64). */
export function newClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(22));
  let id = '';
  for (const byte of bytes) id += ALPHABET[byte & 63];
  return id;
}
