/** Who the visitor says they are, from the host page's `Parley.identify()` or the pre-chat form. */
import type { VisitorIdentify } from '@parley/shared';

/** Keeps only what the server accepts (a name of 1-120 characters, an e-mail address); the page's input is untrusted. */
export function cleanIdentity(identity: unknown): VisitorIdentify | null {
  if (typeof identity !== 'object' || identity === null) return null;
  const { name, email } = identity as Record<string, unknown>;
  const clean: VisitorIdentify = {};
  if (typeof name === 'string' && name.trim() && name.trim().length <= 120) clean.name = name.trim();
  if (typeof email === 'string' && /^[^\s@]+@[^\s@]+$/.test(email.trim()) && email.length <= 254) clean.email = email.trim();
  return clean.name || clean.email ? clean : null;
}
