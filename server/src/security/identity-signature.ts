/**
 * Identity verification: the site's backend signs `${userId}:${timestamp}` with the site's secret
 * (HMAC-SHA256, hex); Parley recomputes it and compares in constant time, within a freshness window.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Store } from '../store/store';
import { newSecretToken } from '../tokens';

/** How old a signature may be: sign at page render, and the widget sends it at once. */
export const IDENTITY_MAX_AGE_SECONDS = 10 * 60;
/** How far ahead of our clock a signature may be dated (the site's clock may run fast). */
export const IDENTITY_MAX_SKEW_SECONDS = 2 * 60;

export type IdentityCheck = 'valid' | 'bad-signature' | 'expired' | 'from-the-future';

export function signIdentity(secret: string, userId: string, timestamp: number): string {
  return createHmac('sha256', secret).update(`${userId}:${timestamp}`).digest('hex');
}

export function checkIdentitySignature(input: {
  secret: string;
  userId: string;
  timestamp: number;
  signature: string;
  now: Date;
}): IdentityCheck {
  const expected = Buffer.from(signIdentity(input.secret, input.userId, input.timestamp), 'hex');
  const given = Buffer.from(input.signature, 'hex');
  // Equal lengths first (timingSafeEqual requires it); the comparison itself takes the same time for every input.
  const matches = given.length === expected.length && timingSafeEqual(given, expected);
  if (!matches) return 'bad-signature';
  const age = input.now.getTime() / 1000 - input.timestamp;
  if (age > IDENTITY_MAX_AGE_SECONDS) return 'expired';
  if (age < -IDENTITY_MAX_SKEW_SECONDS) return 'from-the-future';
  return 'valid';
}

/** The site's identity secret, created on first use and shared by every process through the store. */
export function identitySecretOf(store: Pick<Store, 'getOrCreateSecret'>, siteId: string): Promise<string> {
  return store.getOrCreateSecret(`site-identity:${siteId}`, newSecretToken);
}
