/** Client ids for message de-duplication: the server accepts /^[A-Za-z0-9_-]{8,64}$/. */

export const CLIENT_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

/**
 * The time in 9 base-36 digits (ordered as text, as they are in time, until the year 5188), then
 * 128 random bits as 32 hex digits. The time first lets the server's index of client ids grow at
 * one end instead of being written at random places (server/src/store/sqlite/migrations.ts, 17);
 * the random part alone makes the id unique. getRandomValues works outside secure contexts too
 * (unlike randomUUID).
 */
export function newClientId(now = Date.now()): string {
  const random = Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
  return now.toString(36).padStart(9, '0') + random;
}
