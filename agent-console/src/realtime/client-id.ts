/** Ids the console gives its own messages, so a resend is recognised as the same message. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * The time in 9 base-36 digits (ordered as text, as they are in time), then 22 random base64url
 * characters (132 bits): 31 characters, well inside the shared ClientIdSchema (8–64). The time
 * first lets the server's index of client ids grow at one end (server/src/store/sqlite/migrations.ts, 17).
 */
export function newClientId(now = Date.now()): string {
  const bytes = crypto.getRandomValues(new Uint8Array(22));
  let id = now.toString(36).padStart(9, '0');
  for (const byte of bytes) id += ALPHABET[byte & 63];
  return id;
}
