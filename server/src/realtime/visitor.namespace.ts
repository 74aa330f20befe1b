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
} from '@parley/shared';
import type { Logger } from 'pino';
import type { ConversationService } from '../domain/conversation.service';
import { toParleyError } from '../domain/error-mapping';
import type { ChatFeedbackService } from '../domain/chat-feedback.service';
import type { EscalationService } from '../domain/escalation.service';
import type { SiteAvailabilityService } from '../domain/site-availability.service';
import type { VisitorService } from '../domain/visitor.service';
import type { PrivacyService } from '../domain/privacy.service';
import type { KbSelfService } from '../domain/kb-self-service';
import { assertOriginAllowed } from '../security/allowed-origins';
import { clientAddress } from '../security/client-address';
import type { VisitorLimits } from '../security/visitor-limits';
import { z } from 'zod';
import { ackHandler } from './ack-handler';
import { registerKbVisitorHandlers } from './kb-visitor.handlers';
import { clientAuth } from './handshake-auth';
import { handshakeError } from './handshake-error';
import { rooms, type VisitorNamespace, type VisitorSocket } from './types';

export interface VisitorNamespaceDeps {
  namespace: VisitorNamespace;
  visitors: VisitorService;
  conversations: ConversationService;
  escalation: EscalationService;
  availability: SiteAvailabilityService;
  feedback: ChatFeedbackService;
  kb: KbSelfService;
  /** "Forget me": the visitor erases their own records. */
  privacy: PrivacyService;
  /** Rate limits on new visitors, conversations and messages. */
  limits: VisitorLimits;
  /** Parley's own origin: its panel may always connect, whatever a site's allowed origins. */
  publicUrl: string;
  logger: Logger;
}

const EmptyRequestSchema = z.strictObject({});

export function registerVisitorNamespace(deps: VisitorNamespaceDeps): void {
  const { namespace, visitors, conversations, escalation, availability, feedback, limits, logger } = deps;
  const addressOf = (socket: { handshake: VisitorSocket['handshake'] }) =>
    clientAddress(socket.handshake.address, socket.handshake.headers['x-forwarded-for']);
  // The token to hand back on connect; kept beside the socket, never in a URL or a log.
  const tokens = new WeakMap<object, string>();

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
        tokens.set(socket, session.visitorToken);
        next();
      },
      (error: unknown) => next(handshakeError(toParleyError(error, logger))),
    );
  });

  namespace.on('connection', (socket: VisitorSocket) => {
    const visitor = () => socket.data.visitor;
    const address = addressOf(socket);
    void socket.join([rooms.visitor(visitor().id), rooms.siteVisitors(visitor().siteId)]);
    socket.emit('session:ready', { visitorId: visitor().id, visitorToken: tokens.get(socket) ?? '', name: visitor().name });
    visitors.startVisit(visitor(), { userAgent: socket.handshake.headers['user-agent'] ?? null, locale: visitor().locale }).then(
      (updated) => (socket.data.visitor = updated),
      (error: unknown) => logger.error({ err: error }, 'visit start failed'),
    );

    socket.on(
      'conversation:history',
      ackHandler(logger, HistoryRequestSchema, (request) => conversations.visitorHistory(visitor(), request.afterSeq)),
    );
    socket.on(
      'message:send',
      ackHandler(logger, VisitorMessageSendSchema, (message) =>
        conversations.visitorSend(visitor(), message, { admit: limits.visitorMessage(visitor(), address), origin: socket.id }),
      ),
    );
    socket.on(
      'visitor:identify',
      ackHandler(logger, VisitorIdentifyRequestSchema, async (identity) => {
        socket.data.visitor = await visitors.identify(visitor(), identity);
        await escalation.requesterIdentified(visitor());
        return { visitorId: visitor().id, visitorToken: tokens.get(socket) ?? '', name: visitor().name };
      }),
    );
    socket.on(
      'conversation:end',
      ackHandler(logger, EmptyRequestSchema, async () => {
        const { ticket } = await escalation.visitorEnds(visitor());
        return { ticket: ticket ? { ticketNumber: ticket.number, emailOnFile: Boolean(ticket.requesterEmail) } : null };
      }),
    );
    socket.on(
      'ticket:create',
      ackHandler(logger, OfflineRequestSchema, async (request) => {
        await limits.beforeOfflineTicket(visitor(), address);
        const ticket = await escalation.fromOfflineForm(visitor(), request);
        socket.data.visitor = (await visitors.refresh(visitor())) ?? visitor();
        return { ticketNumber: ticket.number, emailOnFile: true };
      }),
    );
    socket.on('conversation:rate', ackHandler(logger, ChatRatingSchema, (rating) => feedback.rate(visitor(), rating)));
    socket.on(
      'conversation:transcript',
      ackHandler(logger, TranscriptRequestSchema, ({ email }) => feedback.emailTranscript(visitor(), email)),
    );
    // Bound to this socket's own visitor (from its token): the payload names no one.
    socket.on('visitor:forget', ackHandler(logger, ForgetMeRequestSchema, async () => ({ erased: await deps.privacy.forgetVisitor(visitor()) })));
    registerKbVisitorHandlers({ socket, kb: deps.kb, logger });
    socket.on('site:status', ackHandler(logger, EmptyRequestSchema, () => availability.forSite(visitor().siteId)));
    socket.on('visitor:context', (payload: unknown) => {
      const parsed = VisitorContextSchema.safeParse(payload);
      if (!parsed.success) return;
      visitors.updateContext(visitor(), parsed.data).then(
        (updated) => (socket.data.visitor = updated),
        (error: unknown) => logger.warn({ err: error }, 'visitor context update failed'),
      );
    });
    socket.on('message:read', (payload: unknown) => {
      const parsed = VisitorReadSchema.safeParse(payload);
      if (parsed.success) void conversations.visitorRead(visitor(), parsed.data.seq).catch(() => undefined);
    });
    socket.on('typing:set', (payload: unknown) => {
      const parsed = TypingSchema.safeParse(payload);
      if (parsed.success) void conversations.visitorTyping(visitor(), parsed.data.typing).catch(() => undefined);
    });
  });
}
