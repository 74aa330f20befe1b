/** Client ids for message de-duplication: the server accepts /^[A-Za-z0-9_-]{8,64}$/. */

export const CLIENT_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

export function newClientId(): string {
  // randomUUID needs a secure context; the panel is served over https (or localhost) in practice.
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID().replace(/-/g, '');
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
