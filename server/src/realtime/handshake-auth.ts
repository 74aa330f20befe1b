/**
 * The handshake `auth` object as the client meant it. On a reconnect socket.io-client adds its
 * connection-state-recovery keys (`pid`, `offset`) to `auth`; they belong to Socket.IO, not to
 * our contract, so they are set aside before the strict schemas see the object.
 */
const RECOVERY_KEYS = new Set(['pid', 'offset']);

export function clientAuth(auth: unknown): unknown {
  if (typeof auth !== 'object' || auth === null || Array.isArray(auth)) return auth;
  return Object.fromEntries(Object.entries(auth).filter(([key]) => !RECOVERY_KEYS.has(key)));
}
