/** Visitor identity and context: a token per visitor and site, what they say, where they browse. */
import type { Conversation, SignedVisitorIdentify, Site, VisitorContext, VisitorHandshake, VisitorIdentify, VisitorIdentifyRequest } from '@parley/shared';
import { checkIdentitySignature, identitySecretOf, type IdentityCheck } from '../security/identity-signature';
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
  /** How often every process runs `heartbeat` (VISITOR_HEARTBEAT_MS unless a test is in a hurry). */
  heartbeatMs?: number;
}

const gone = () => new DomainError('UNAUTHENTICATED', 'This visitor session no longer exists.');

const SIGNATURE_REFUSALS: Record<Exclude<IdentityCheck, 'valid'>, string> = {
  'bad-signature': "The identity signature does not match this site's identity secret.",
  expired: 'The identity signature has expired; sign it when the page loads and send it at once.',
  'from-the-future': 'The identity signature is dated in the future; check the clock of the server that signs it.',
};

export function createVisitorService({ store, broadcaster, now = () => new Date(), heartbeatMs = VISITOR_HEARTBEAT_MS }: VisitorServiceDeps) {
  // Three beats and a half missed: a process late by a beat never has its visitors read as gone.
  const silenceMs = 3.5 * heartbeatMs;
  async function identifySigned(visitor: Visitor, identity: SignedVisitorIdentify): Promise<Visitor> {
    const check = checkIdentitySignature({ ...identity, secret: await identitySecretOf(store, visitor.siteId), now: now() });
    if (check !== 'valid') throw new DomainError('FORBIDDEN', SIGNATURE_REFUSALS[check]);
    const { userId, name, email } = identity;
    const updated = await store.verifyVisitorIdentity(visitor.id, { userId, name, email });
    if (updated) return updated;
    if (!(await store.findVisitorById(visitor.id))) throw gone();
    throw new DomainError('FORBIDDEN', 'This visitor is already verified as another user.');
  }

  async function identifyUnsigned(visitor: Visitor, identity: VisitorIdentify): Promise<Visitor> {
    const updated = await store.identifyVisitor(visitor.id, identity);
    if (updated) return updated;
    if (!(await store.findVisitorById(visitor.id))) throw gone();
    throw new DomainError('FORBIDDEN', 'The site has verified this visitor; only a signed identify can change who they are.');
  }

  const presenceOf = (visitor: Visitor) => ({ siteId: visitor.siteId, visitorId: visitor.id, at: now().toISOString() });
  const tellAgents = (changed: Conversation | null) => {
    if (changed) broadcaster.conversationUpdated(changed);
  };

  return {
    /**
     * `admitSite` may refuse the site's visitors here (its allowed origins); `beforeNewVisitor` runs,
     * and may refuse, only when a visitor is about to be created.
     */
    async resumeOrStartSession(
      handshake: VisitorHandshake,
      options: { admitSite?: (site: Site) => void; beforeNewVisitor?: () => Promise<void> } = {},
    ): Promise<VisitorSessionResult> {
      const site = await store.findSiteByKey(handshake.siteKey);
      if (!site) throw new DomainError('SITE_NOT_FOUND', 'This site key is not known to Parley.');
      options.admitSite?.(site);
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
    /** `locale`: the panel's language in this session, which the visitor's next chats and e-mails take. */
    async startVisit(visitor: Visitor, session: { userAgent: string | null; locale: string | null }): Promise<Visitor> {
      const { userAgent } = session;
      const startedAt = visitor.visitStartedAt ? Date.parse(visitor.visitStartedAt) : 0;
      const sameVisit = now().getTime() - startedAt < VISIT_GAP_MS;
      const updated = await store.startVisit(visitor.id, {
        userAgent: userAgent?.slice(0, 400) ?? null,
        locale: session.locale,
        at: sameVisit && visitor.visitStartedAt ? visitor.visitStartedAt : now().toISOString(),
      });
      return updated ?? visitor;
    },

    /** A page with the chat is open again: the visitor's open chat reads as on the site for its agents. */
    async arrived(visitor: Visitor): Promise<void> {
      tellAgents(await store.visitorBack(presenceOf(visitor)));
    },

    /**
     * The visitor's last page with the chat closed (the transport waited out a move between pages and
     * counted their sockets on every process): their open chat's agents see that they left.
     */
    async left(visitor: Visitor): Promise<void> {
      tellAgents(await store.visitorLeft(presenceOf(visitor)));
    },

    /**
     * Every process says which visitors still have a page connected to it, now and then; a visitor
     * none has mentioned for three and a half beats was on a process that stopped without saying they
     * left (killed, or restarted while they were away), and reads as left when last seen.
     */
    async heartbeat(connected: Visitor[]): Promise<void> {
      const at = now();
      await store.touchVisitors(connected.map((v) => ({ siteId: v.siteId, visitorId: v.id })), at.toISOString());
      const gone = await store.markSilentVisitorsGone(new Date(at.getTime() - silenceMs).toISOString());
      gone.forEach(tellAgents);
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

    /** Signed: verified, and only ever as one user. Unsigned: the visitor's word, never over a verified identity. */
    async identify(visitor: Visitor, identity: VisitorIdentifyRequest): Promise<Visitor> {
      const updated = 'signature' in identity ? await identifySigned(visitor, identity) : await identifyUnsigned(visitor, identity);
      broadcaster.visitorUpdated(updated);
      const open = await store.findOpenConversation(updated.siteId, updated.id);
      if (open) broadcaster.conversationUpdated(open);
      return updated;
    },
  };
}

/** How often each process runs the visitors' heartbeat. */
export const VISITOR_HEARTBEAT_MS = 60_000;

/** A visitor away for longer than this starts a new visit when they return. */
const VISIT_GAP_MS = 30 * 60_000;

export type VisitorService = ReturnType<typeof createVisitorService>;
