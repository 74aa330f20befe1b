/** Unguessable ids and tokens: 128 random bits or more, URL-safe. */
import { createHash, randomFillSync } from 'node:crypto';

// Random bytes drawn 4 KiB at a time and each byte used once: one call into the CSPRNG per 256 ids
// instead of one per id (a busy server makes a few ids per message).
const POOL_BYTES = 4096;
const pool = Buffer.alloc(POOL_BYTES);
let poolOffset = POOL_BYTES;

function randomBase64Url(bytes: number): string {
  if (poolOffset + bytes > POOL_BYTES) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const text = pool.toString('base64url', poolOffset, poolOffset + bytes);
  // Spent bytes are zeroed so that nothing in memory can be read back as a later id.
  pool.fill(0, poolOffset, poolOffset + bytes);
  poolOffset += bytes;
  return text;
}

export function newId(): string {
  return randomBase64Url(16);
}

// Nine base-36 digits hold every millisecond until the year 5188; lower-case base 36 sorts as text.
const TIME_DIGITS = 9;

/**
 * An id that begins with the time, for rows made at a high rate (messages): their index grows at its
 * end instead of at a random page each, which a commit then rewrites. The 128 random bits after the
 * time keep it as unguessable as newId(). Not a clock to rely on: only for where rows land.
 */
export function newTimeOrderedId(now = Date.now()): string {
  return now.toString(36).padStart(TIME_DIGITS, '0') + randomBase64Url(16);
}

export function newSecretToken(): string {
  return randomBase64Url(32);
}

/** Tokens are stored only as hashes, so a leaked database gives no usable token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
