/** Visitor identity and context: a token per visitor and site, what they say, where they browse. */
import type { Site, VisitorContext, VisitorHandshake, VisitorIdentify } from '@parley/shared';
import type { Store, Visitor } from '../store/store';
import { hashToken, newSecretToken } from '../tokens';
import type { Broadcaster } from './broadcaster.port';
import { DomainError } from './domain-error';

export interface VisitorSessionResult {
  site: Site;
  visitor: Visitor;
  /** The token the panel must keep: a new one when the presented one was missing or unknown. */
  visitorToken: string;
  issuedNewToken: boolean;
}

export interface VisitorServiceDeps {
  store: Store;
  broadcaster: Broadcaster;
  now?: () => Date;
}

const gone = () => new DomainError('UNAUTHENTICATED', 'This visitor session no longer exists.');

export function createVisitorService({ store, broadcaster, now = () => new Date() }: VisitorServiceDeps) {
  return {
    /** `beforeNewVisitor` runs (and may refuse) only when a visitor is about to be created. */
    async resumeOrStartSession(
      handshake: VisitorHandshake,
      options: { beforeNewVisitor?: () => Promise<void> } = {},
    ): Promise<VisitorSessionResult> {
      const site = await store.findSiteByKey(handshake.siteKey);
      if (!site) throw new DomainError('SITE_NOT_FOUND', 'This site key is not known to Parley.');
      if (handshake.visitorToken) {
        const visitor = await store.findVisitorByTokenHash(site.id, hashToken(handshake.visitorToken));
        if (visitor) return { site, visitor, visitorToken: handshake.visitorToken, issuedNewToken: false };
      }
      await options.beforeNewVisitor?.();
      const visitorToken = newSecretToken();
      const visitor = await store.createVisitor({
        siteId: site.id, tokenHash: hashToken(visitorToken), locale: handshake.locale ?? null,
      });
      return { site, visitor, visitorToken, issuedNewToken: true };
    },

    /** A socket session began; a visit counts from the first one after a long absence. */
    async startVisit(visitor: Visitor, userAgent: string | null): Promise<Visitor> {
      const startedAt = visitor.visitStartedAt ? Date.parse(visitor.visitStartedAt) : 0;
      const sameVisit = now().getTime() - startedAt < VISIT_GAP_MS;
      const updated = await store.startVisit(visitor.id, {
        userAgent: userAgent?.slice(0, 400) ?? null,
        at: sameVisit && visitor.visitStartedAt ? visitor.visitStartedAt : now().toISOString(),
      });
      return updated ?? visitor;
    },

    refresh(visitor: Visitor): Promise<Visitor | null> {
      return store.findVisitorById(visitor.id);
    },

    async updateContext(visitor: Visitor, context: VisitorContext): Promise<Visitor> {
      const updated = await store.updateVisitorContext(visitor.id, context);
      if (!updated) throw gone();
      broadcaster.visitorUpdated(updated);
      return updated;
    },

    async identify(visitor: Visitor, identity: VisitorIdentify): Promise<Visitor> {
      const updated = await store.identifyVisitor(visitor.id, identity);
      if (!updated) throw gone();
      broadcaster.visitorUpdated(updated);
      const open = await store.findOpenConversation(updated.siteId, updated.id);
      if (open) broadcaster.conversationUpdated(open);
      return updated;
    },
  };
}

/** A visitor away for longer than this starts a new visit when they return. */
const VISIT_GAP_MS = 30 * 60_000;

export type VisitorService = ReturnType<typeof createVisitorService>;
