/** Visitor identity: an unguessable token per visitor and site, issued once, presented on reconnect. */
import type { Site, VisitorHandshake } from '@parley/shared';
import type { Store, Visitor } from '../store/store';
import { hashToken, newSecretToken } from '../tokens';
import { DomainError } from './domain-error';

export interface VisitorSessionResult {
  site: Site;
  visitor: Visitor;
  /** The token the panel must keep: a new one when the presented one was missing or unknown. */
  visitorToken: string;
  issuedNewToken: boolean;
}

export function createVisitorService({ store }: { store: Store }) {
  return {
    async resumeOrStartSession(handshake: VisitorHandshake): Promise<VisitorSessionResult> {
      const site = await store.findSiteByKey(handshake.siteKey);
      if (!site) throw new DomainError('SITE_NOT_FOUND', 'This site key is not known to Parley.');
      if (handshake.visitorToken) {
        const visitor = await store.findVisitorByTokenHash(site.id, hashToken(handshake.visitorToken));
        if (visitor) return { site, visitor, visitorToken: handshake.visitorToken, issuedNewToken: false };
      }
      const visitorToken = newSecretToken();
      const visitor = await store.createVisitor({
        siteId: site.id,
        tokenHash: hashToken(visitorToken),
        locale: handshake.locale ?? null,
      });
      return { site, visitor, visitorToken, issuedNewToken: true };
    },
  };
}

export type VisitorService = ReturnType<typeof createVisitorService>;
