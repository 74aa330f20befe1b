/** Who the visitor is, from the host page's `Parley.identify()` (signed or not) or a form in the panel. */
import { isEmailAddress, type SignedVisitorIdentify, type VisitorIdentifyRequest } from '@parley/shared';

/**
 * Keeps only what the server accepts (a name of 1-120 characters, an e-mail address by the server's
 * own rule, so one bad field does not make it refuse the name too); the page's input is untrusted.
 * A signature goes on with its user id and time as given: the server judges those.
 */
export function cleanIdentity(identity: unknown): VisitorIdentifyRequest | null {
  if (typeof identity !== 'object' || identity === null) return null;
  const { name, email, userId, timestamp, signature } = identity as Record<string, unknown>;
  const clean: VisitorIdentifyRequest = signature ? ({ userId, timestamp, signature } as SignedVisitorIdentify) : {};
  if (typeof name === 'string' && name.trim() && name.trim().length <= 120) clean.name = name.trim();
  if (typeof email === 'string' && isEmailAddress(email)) clean.email = email.trim();
  return clean.name || clean.email || signature ? clean : null;
}
