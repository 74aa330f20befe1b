/** Client ids for message de-duplication: the server accepts /^[A-Za-z0-9_-]{8,64}$/. */

export const CLIENT_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

/** 128 random bits as 32 hex digits; getRandomValues works outside secure contexts too (unlike randomUUID). */
export function newClientId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
