/** The verified-identity part of the storage seam: what a site's signed identify may set, as one conditional write. */
import type { Visitor } from './store';

export interface VerifiedIdentity {
  userId: string;
  name?: string;
  email?: string;
}

export interface VisitorIdentityStore {
  /**
   * Marks the visitor verified as `userId` (with the name and e-mail given) and names their open
   * conversations, only while it is unverified or already verified as that same user. Null when
   * the visitor is missing or verified as someone else.
   */
  verifyVisitorIdentity(visitorId: string, identity: VerifiedIdentity): Promise<Visitor | null>;
}
