/** The visitor namespace: handshake -> visitor session; each handler validates and calls a service. */
import {
  ChatRatingSchema,
  HistoryRequestSchema,
  TranscriptRequestSchema,
  OfflineRequestSchema,
  TypingSchema,
  VisitorReadSchema,
  VisitorContextSchema,
  VisitorHandshakeSchema,
  VisitorIdentifyRequestSchema,
  VisitorMessageSendSchema,
  ForgetMeRequestSchema,
  parseInput,
  type VisitorClientToServerEvents,
  type VisitorContext,
} from '@parley/shared';
import type { Logger } from 'pino';
import type { ConversationService } from '../domain/conversation.service';
import { toParleyError } from '../domain/error-mapping';
import type { ChatFeedbackService } from '../domain/chat-feedback.service';
import type { EscalationService } from '../domain/escalation.service';
import type { RoutingService } from '../domain/routing.service';
import type { SiteAvailabilityService } from '../domain/site-availability.service';
import type { VisitorService } from '../domain/visitor.service';
import type { PrivacyService } from '../domain/privacy.service';
import type { KbSelfService } from '../domain/kb-self-service';
import { assertOriginAllowed } from '../security/allowed-origins';
import { clientAddress } from '../security/client-address';
import type { VisitorLimits } from '../security/visitor-limits';
import { z } from 'zod';
import { ackEvent } from './ack-handler';
import { createEventDispatch } from './event-dispatch';
import { kbVisitorEvents } from './kb-visitor.handlers';
import { latestValueThrottle } from './latest-value-throttle';
import type { ClusterLink } from './cluster-link';
import { clientAuth } from './handshake-auth';
import { handshakeError } from './handshake-error';
import type { Visitor } from '../store/store';
import { rooms, type VisitorNamespace, type VisitorSocket } from './types';

export interface VisitorNamespaceDeps {
  namespace: VisitorNamespace;
  visitors: VisitorService;
  conversations: ConversationService;
  escalation: EscalationService;
  availability: SiteAvailabilityService;
  /** A waiting visitor's place in the queue, told to each page or tab as it connects. */
  queue: Pick<RoutingService, 'queuePositionOf'>;
  feedback: ChatFeedbackService;
  kb: KbSelfService;
  /** "Forget me": the visitor erases their own records. */
  privacy: PrivacyService;
  /** Rate limits on new visitors, conversations and messages. */
  limits: VisitorLimits;
  /** Parley's own origin: its panel may always connect, whatever a site's allowed origins. */
  publicUrl: string;
  /** How long a visitor may be without a socket (moving between pages) before their agents see them gone. */
  reconnectGraceMs: number;
  /** Whether a count of a visitor's pages across processes can be trusted now. */
  cluster: ClusterLink;
  logger: Logger;
}

const EmptyRequestSchema = z.strictObject({});

/** How often one tab's page reports reach the store and the agents, at most. */
const PAGE_REPORT_INTERVAL_MS = 1000;
const samePage = (a: VisitorContext, b: VisitorContext): boolean =>
  a.pageUrl === b.pageUrl && a.pageTitle === b.pageTitle && a.referrer === b.referrer;

export function registerVisitorNamespace(deps: VisitorNamespaceDeps): void {
  const { namespace, visitors, conversations, escalation, availability, feedback, privacy, limits, logger } = deps;
  const addressOf = (socket: { handshake: VisitorSocket['handshake'] }) =>
    clientAddress(socket.handshake.address, socket.handshake.headers['x-forwarded-for']);
  // The token to hand back on connect; kept beside the socket, never in a URL or a log.
  const tokens = new WeakMap<object, string>();
  const tokenOf = (socket: VisitorSocket) => tokens.get(socket) ?? '';

  namespace.use((socket, next) => {
    const handshake = parseInput(VisitorHandshakeSchema, clientAuth(socket.handshake.auth));
    if (!handshake.ok) return next(handshakeError(handshake.error));
    visitors.resumeOrStartSession(handshake.data, {
      admitSite: (site) =>
        assertOriginAllowed({ allowedOrigins: site.settings.allowedOrigins, ownOrigin: deps.publicUrl, headers: socket.handshake.headers }),
      beforeNewVisitor: () => limits.newVisitor(addressOf(socket)),
    }).then(
      (session) => {
        // The panel's language now (a returning visitor may have another): this session's chats take it.
        const { locale } = handshake.data;
        socket.data.visitor = locale ? { ...session.visitor, locale } : session.visitor;
        socket.data.address = addressOf(socket);
        tokens.set(socket, session.visitorToken);
        next();
      },
      (error: unknown) => next(handshakeError(toParleyError(error, logger))),
    );
  });

  // Where a tab is: at most one report a second, the latest winning, never the same page twice.
  const reportPage = latestValueThrottle<VisitorSocket, VisitorContext>(PAGE_REPORT_INTERVAL_MS, samePage, (socket, context) => {
    if (!socket.connected) return;
    visitors.updateContext(socket.data.visitor, context).then(
      (updated) => (socket.data.visitor = updated),
      (error: unknown) => logger.warn({ err: error }, 'visitor context update failed'),
    );
  });

  const dispatchEvents = createEventDispatch<VisitorSocket, keyof VisitorClientToServerEvents>({
    ...visitorChatEvents(),
    ...kbVisitorEvents({ kb: deps.kb, logger }),
  });

  const socketsOf = (visitor: Visitor) => namespace.in(rooms.visitor(visitor.id)).fetchSockets();

  /** Counts the visitor's sockets on every process (through the adapter), after a grace period. */
  function checkLastPage(visitor: Visitor): void {
    setTimeout(() => {
      // Around a Redis outage "no page" may only mean "none on this process": ask again later.
      if (!deps.cluster.countsAreComplete()) return checkLastPage(visitor);
      socketsOf(visitor)
        .then(async (sockets) => {
          if (sockets.length > 0) return;
          await visitors.left(visitor);
          // A page that connected while this was written has already said "back": say it again.
          if ((await socketsOf(visitor)).length > 0) await visitors.arrived(visitor);
        })
        .catch((error: unknown) => logger.error({ err: error }, 'visitor presence check failed'));
    }, deps.reconnectGraceMs).unref();
  }

  namespace.on('connection', (socket: VisitorSocket) => {
    const { visitor } = socket.data;
    void socket.join([rooms.visitor(visitor.id), rooms.siteVisitors(visitor.siteId)]);
    socket.emit('session:ready', { visitorId: visitor.id, visitorToken: tokenOf(socket), name: visitor.name });
    visitors.startVisit(visitor, { userAgent: socket.handshake.headers['user-agent'] ?? null, locale: visitor.locale }).then(
      (updated) => (socket.data.visitor = updated),
      (error: unknown) => logger.error({ err: error }, 'visit start failed'),
    );
    visitors.arrived(visitor).catch((error: unknown) => logger.error({ err: error }, 'visitor presence update failed'));
    deps.queue.queuePositionOf(visitor).then(
      (position) => position && socket.emit('queue:position', position),
      (error: unknown) => logger.warn({ err: error }, 'could not tell a visitor their queue position'),
    );
    socket.on('disconnect', () => checkLastPage(socket.data.visitor));
    dispatchEvents(socket);
  });

  /** The chat's events; each acts as the socket's own visitor, as last known on it. */
  function visitorChatEvents() {
    return {
      'conversation:history': ackEvent(logger, HistoryRequestSchema, (socket: VisitorSocket, request) =>
        conversations.visitorHistory(socket.data.visitor, request.afterSeq),
      ),
      'message:send': ackEvent(logger, VisitorMessageSendSchema, (socket: VisitorSocket, message) => {
        const { visitor, address } = socket.data;
        const admit = availability.newChatsOnlyWhileOpen(visitor.siteId, limits.visitorMessage(visitor, address));
        return conversations.visitorSend(visitor, message, { admit, origin: socket.id });
      }),
      'visitor:identify': ackEvent(logger, VisitorIdentifyRequestSchema, async (socket: VisitorSocket, identity) => {
        socket.data.visitor = await visitors.identify(socket.data.visitor, identity);
        await escalation.requesterIdentified(socket.data.visitor);
        return { visitorId: socket.data.visitor.id, visitorToken: tokenOf(socket), name: socket.data.visitor.name };
      }),
      'conversation:end': ackEvent(logger, EmptyRequestSchema, async (socket: VisitorSocket) => {
        const { ticket } = await escalation.visitorEnds(socket.data.visitor);
        return { ticket: ticket ? { ticketNumber: ticket.number, emailOnFile: Boolean(ticket.requesterEmail) } : null };
      }),
      'ticket:create': ackEvent(logger, OfflineRequestSchema, async (socket: VisitorSocket, request) => {
        await limits.beforeOfflineTicket(socket.data.visitor, socket.data.address);
        const ticket = await escalation.fromOfflineForm(socket.data.visitor, request);
        socket.data.visitor = (await visitors.refresh(socket.data.visitor)) ?? socket.data.visitor;
        return { ticketNumber: ticket.number, emailOnFile: true };
      }),
      'conversation:rate': ackEvent(logger, ChatRatingSchema, (socket: VisitorSocket, rating) => feedback.rate(socket.data.visitor, rating)),
      'conversation:transcript': ackEvent(logger, TranscriptRequestSchema, async (socket: VisitorSocket, { email }) => {
        await limits.beforeTranscript(socket.data.visitor, socket.data.address, email);
        return feedback.emailTranscript(socket.data.visitor, email);
      }),
      // Bound to this socket's own visitor (from its token): the payload names no one.
      'visitor:forget': ackEvent(logger, ForgetMeRequestSchema, async (socket: VisitorSocket) => ({
        erased: await privacy.forgetVisitor(socket.data.visitor),
      })),
      'site:status': ackEvent(logger, EmptyRequestSchema, (socket: VisitorSocket) => availability.forSite(socket.data.visitor.siteId)),
      'visitor:context': (socket: VisitorSocket, [payload]: unknown[]) => {
        const parsed = VisitorContextSchema.safeParse(payload);
        if (parsed.success) reportPage(socket, parsed.data);
      },
      'message:read': (socket: VisitorSocket, [payload]: unknown[]) => {
        const parsed = VisitorReadSchema.safeParse(payload);
        if (parsed.success) void conversations.visitorRead(socket.data.visitor, parsed.data.seq).catch(() => undefined);
      },
      'typing:set': (socket: VisitorSocket, [payload]: unknown[]) => {
        const parsed = TypingSchema.safeParse(payload);
        if (parsed.success) void conversations.visitorTyping(socket.data.visitor, parsed.data.typing).catch(() => undefined);
      },
    };
  }
}
