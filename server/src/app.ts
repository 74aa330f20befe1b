/** The composition root: builds services over a store, the HTTP app and the Socket.IO server. */
import { AGENT_NAMESPACE, VISITOR_NAMESPACE } from '@parley/shared';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { Server, type ServerOptions } from 'socket.io';
import { createAgentAdminService, type SessionTerminator } from './domain/agent-admin.service';
import { createAgentPasswordService } from './domain/agent-password.service';
import { createSecretBox } from './domain/secret-box';
import { createTwoFactorService } from './domain/two-factor.service';
import { createCredentialLimits } from './security/credential-limits';
import { createAnalyticsService } from './domain/analytics.service';
import { createAuthService } from './domain/auth.service';
import { createCannedReplyService } from './domain/canned-reply.service';
import { createConversationService } from './domain/conversation.service';
import { createPresenceService } from './domain/presence.service';
import { createRoutingService, type RoutingService } from './domain/routing.service';
import { createVisitorService, VISITOR_HEARTBEAT_MS } from './domain/visitor.service';
import { createPrivacyService, type PrivacyService } from './domain/privacy.service';
import { createEscalationService, type EscalationService } from './domain/escalation.service';
import type { Mailer } from './domain/mailer.port';
import { boundedRecoveryAdapter } from './realtime/bounded-recovery-adapter';
import { announceAvailabilityChanges, announceOpeningHoursChanges, createOpeningHoursWatch, type OpeningHoursWatch } from './domain/availability-announcer';
import { createSiteAvailabilityService } from './domain/site-availability.service';
import { createSiteConfigService } from './domain/site-config.service';
import { createChatFeedbackService } from './domain/chat-feedback.service';
import { createEmailI18n, createFallbackSubjects, createTranscriptLabels } from './mail/email-i18n';
import { createTicketLinks } from './domain/ticket-links';
import { createTicketNotifier } from './domain/ticket-notifier';
import { createTicketService, type TicketService } from './domain/ticket.service';
import { newSecretToken } from './tokens';
import { createHttpApp } from './http/http.app';
import { createKnowledgeBaseServices } from './domain/kb-services';
import type { MetricsEndpoint, ServerMetrics } from './metrics/metrics.port';
import { createPrometheusMetrics } from './metrics/prometheus.metrics';
import { instrumentRealtime } from './metrics/realtime-metrics';
import type { StaticRoots } from './http/static.router';
import { registerAgentNamespace } from './realtime/agent.namespace';
import { SINGLE_PROCESS, type ClusterLink } from './realtime/cluster-link';
import { createSocketBroadcaster } from './realtime/socket.broadcaster';
import { createWriteCoalescer, type WriteCoalescer } from './realtime/coalesced-writes';
import { rooms, type AgentNamespace, type ParleyServer, type VisitorNamespace } from './realtime/types';
import { registerVisitorNamespace } from './realtime/visitor.namespace';
import { createStoreRateLimiter } from './security/rate-limiter';
import { createSignInGuard } from './security/sign-in-guard';
import { createVisitorLimits, visitorRules } from './security/visitor-limits';
import { createAttachmentService, DEFAULT_MAX_UPLOAD_BYTES, type AttachmentService } from './domain/attachment.service';
import type { FileStore } from './domain/file-store.port';
import { createAttachmentLimits } from './security/attachment-limits';
import { createPublicFormLimits } from './security/public-form-limits';
import type { Store } from './store/store';
import { createPlatformServices } from './api/api-services';
import { createWebhookDelivery, type WebhookDelivery } from './webhooks/webhook-delivery';

export interface ParleyAppOptions {
  store: Store;
  logger: Logger;
  staticRoots: StaticRoots;
  publicUrl: string;
  sessionTtlMs: number;
  /** How often this process runs routing's sweep (presence timeouts, unanswered chats). */
  sweepIntervalMs?: number;
  /** How often this process tells the store which visitors still have a page connected to it. */
  visitorHeartbeatMs?: number;
  /** Grace for a console reload before its agent goes offline, and for a visitor moving between pages before their agents see them gone. */
  reconnectGraceMs?: number;
  /** The clock routing and presence judge timeouts by (tests move it forward). */
  now?: () => Date;
  /** Durable e-mail to customers. */
  mailer: Mailer;
  /** A Socket.IO adapter shared with other processes (Redis); in-process when absent. */
  adapter?: ServerOptions['adapter'];
  /** The adapter's link to the other processes (Redis): when its counts hold, when broadcasts were lost. */
  cluster?: ClusterLink;
  /** Where connections, queues, delivery times and errors are counted; Prometheus (GET /metrics) when absent. */
  metrics?: ServerMetrics & MetricsEndpoint;
  /** Where attachment bytes live: a folder under DATA_DIR, or GridFS beside MongoDB (see openStorage). */
  files: FileStore;
  /** The largest attachment accepted; 10 MB when absent. */
  maxUploadBytes?: number;
  /** Key material for sealing agents' TOTP secrets (TWO_FACTOR_KEY); a secret kept in the store when absent. */
  twoFactorKey?: string;
  /** Messages a visitor, and an address, may send a minute; VISITOR_RULES' 30 and 120 when absent. */
  messageLimits?: { perVisitorPerMinute: number; perAddressPerMinute: number };
  /**
   * Coalesces the writes to each agent console. main.ts shares it with the SQLite store, which lets
   * a batch's announcements out before SQLite writes its messages; a coalescer of the app's own when absent.
   */
  writeCoalescer?: WriteCoalescer;
}

export interface ParleyApp {
  httpServer: http.Server;
  io: ParleyServer;
  routing: RoutingService;
  escalation: EscalationService;
  tickets: TicketService;
  /** Uploads and downloads; the inbound e-mail listener stores replies' files through it. */
  attachments: AttachmentService;
  /** Contact export and erasure, and the retention sweep (tests run it with a fixed clock). */
  privacy: PrivacyService;
  /** Webhook events, target guard and dispatcher; main.ts starts the dispatcher, close() stops it. */
  webhooks: WebhookDelivery;
  /** Announces opening and closing times as they pass; run by the sweep (tests run it with a moved clock). */
  openingHours: OpeningHoursWatch;
  listen(port: number, host: string): Promise<AddressInfo>;
  /** Stops accepting, disconnects every socket, then closes the store. */
  close(): Promise<void>;
}

// Socket payloads are small JSON; a larger frame is refused before it is parsed.
const MAX_SOCKET_FRAME_BYTES = 64 * 1024;

export async function createParleyApp(options: ParleyAppOptions): Promise<ParleyApp> {
  const { store, logger } = options;
  // Socket.IO must attach to the server before services exist (they need its broadcaster), and it
  // wraps the request listener present at attach time: so that listener delegates to the app set below.
  let handleRequest: http.RequestListener = (_req, res) => res.writeHead(503).end();
  const httpServer = http.createServer((req, res) => handleRequest(req, res));
  const io: ParleyServer = new Server(httpServer, {
    maxHttpBufferSize: MAX_SOCKET_FRAME_BYTES,
    serveClient: false,
    cors: { origin: true, credentials: false },
    // Several processes: the Redis one; alone: Socket.IO's in-memory one, with a bounded recovery history.
    adapter: options.adapter ?? boundedRecoveryAdapter(),
    // A client back within two minutes gets the packets it missed and its rooms back (if they are
    // among the last 10,000, in 16 MB here: the adapters keep no more; otherwise it catches up from the store).
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
  });
  const visitorNamespace: VisitorNamespace = io.of(VISITOR_NAMESPACE);
  const agentNamespace: AgentNamespace = io.of(AGENT_NAMESPACE);
  // A console takes many messages a turn (a visitor's tab seldom more than one): one write for them.
  (options.writeCoalescer ?? createWriteCoalescer()).coalesce(agentNamespace);
  const metrics = options.metrics ?? createPrometheusMetrics();
  const realtimeMetrics = instrumentRealtime({ metrics, visitorNamespace, agentNamespace, store });
  const availability = createSiteAvailabilityService({ store, now: options.now });
  const socketBroadcaster = createSocketBroadcaster(visitorNamespace, agentNamespace, {
    findConversation: (id) => store.findConversation(id),
    onLoadError: (error) => logger.warn({ err: error }, 'could not read the conversations of an activity digest'),
  });
  const broadcaster = announceAvailabilityChanges(
    realtimeMetrics.timeBroadcasts(socketBroadcaster),
    availability,
    (error) => logger.warn({ err: error }, 'could not tell visitors about availability'),
  );
  const webhooks = createWebhookDelivery({ store, logger, now: options.now });
  const events = webhooks.events;
  const routing = createRoutingService({ store, broadcaster, now: options.now, events });
  const presence = createPresenceService({ store, broadcaster, routing, now: options.now });
  const conversations = createConversationService({ store, broadcaster, routing, events });
  const visitorHeartbeatMs = options.visitorHeartbeatMs ?? VISITOR_HEARTBEAT_MS;
  const visitors = createVisitorService({ store, broadcaster, now: options.now, heartbeatMs: visitorHeartbeatMs });
  const links = createTicketLinks({
    secret: await store.getOrCreateSecret('ticket-links', newSecretToken),
    publicUrl: options.publicUrl,
  });
  const notifier = createTicketNotifier({ mailer: options.mailer, links });
  // One i18next instance for the words the domain writes in the customer's language: the transcripts
  // (a ticket's first entry and the visitor's e-mailed copy) and a ticket's fallback subject.
  const customerWords = createEmailI18n();
  const transcriptLabels = createTranscriptLabels(customerWords);
  const escalation = createEscalationService({
    store, broadcaster, notifier, now: options.now, events, onQueueChanged: (siteId) => routing.routeSite(siteId), transcriptLabels,
    fallbackSubjects: createFallbackSubjects(customerWords),
  });
  const tickets = createTicketService({ store, broadcaster, notifier, links, now: options.now, events });
  const siteConfig = createSiteConfigService({ store, availability });
  const feedback = createChatFeedbackService({ store, broadcaster, mailer: options.mailer, events, transcriptLabels });
  const cannedReplies = createCannedReplyService({ store, broadcaster: socketBroadcaster });
  // Through the adapter, so consoles on every process go; the caller's own session may stay.
  const sessions: SessionTerminator = {
    disconnectAgent(agentId, except) {
      const consoles = agentNamespace.in(rooms.agent(agentId));
      (except ? consoles.except(rooms.session(except.exceptSessionHash)) : consoles).disconnectSockets(true);
    },
    disconnectSession(sessionHash) {
      agentNamespace.in(rooms.session(sessionHash)).disconnectSockets(true);
    },
  };
  const announcing = { broadcaster, availability, onError: (error: unknown) => logger.warn({ err: error }, 'could not tell visitors about availability') };
  const admin = announceOpeningHoursChanges(createAgentAdminService({ store, broadcaster, routing, sessions, events, team: socketBroadcaster }), announcing);
  const openingHours = createOpeningHoursWatch({ ...announcing, store, now: options.now });
  const box = createSecretBox(options.twoFactorKey ?? (await store.getOrCreateSecret('two-factor-secrets', newSecretToken)));
  const twoFactor = createTwoFactorService({ store, box, sessions, now: options.now });
  const auth = createAuthService({ store, sessionTtlMs: options.sessionTtlMs, secondFactor: twoFactor, sessions, now: options.now });
  const passwords = createAgentPasswordService({ store, mailer: options.mailer, sessions, publicUrl: options.publicUrl, now: options.now });
  const analytics = createAnalyticsService({ store, now: options.now });
  const knowledgeBase = createKnowledgeBaseServices({ store, publicUrl: options.publicUrl, now: options.now });
  // Counters in the store: every process sharing it enforces the same limits.
  const limiter = createStoreRateLimiter({ store, now: options.now });
  const signIn = createSignInGuard({ limiter, auth });
  const credentialLimits = createCredentialLimits({ limiter });
  const limits = createVisitorLimits({ limiter, rules: visitorRules(options.messageLimits) });
  const maxUploadBytes = options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
  const attachments = createAttachmentService({ store, files: options.files, maxUploadBytes, now: options.now });
  const attachmentLimits = createAttachmentLimits({ limiter });
  const publicFormLimits = createPublicFormLimits({ limiter });
  const privacy = createPrivacyService({
    store, files: options.files, broadcaster, mailer: options.mailer, now: options.now,
    sessions: {
      // After the acknowledgement of a "forget me" has gone out on that same socket (this runs after it).
      disconnectVisitors: (visitorIds) =>
        void setImmediate(() => visitorIds.forEach((id) => visitorNamespace.in(rooms.visitor(id)).disconnectSockets())),
    },
  });
  const platform = createPlatformServices({ store, broadcaster, notifier, conversations, admin, kb: knowledgeBase.editor, webhooks, now: options.now });
  handleRequest = createHttpApp({
    attachments: { service: attachments, limits: attachmentLimits, maxUploadBytes },
    publicFormLimits,
    platform,
    knowledgeBase, signIn, privacy,
    credentials: { passwords, twoFactor, limits: credentialLimits },
    store, auth, admin, tickets, siteConfig, analytics, logger, staticRoots: options.staticRoots, publicUrl: options.publicUrl, isReady: () => true,
    metrics,
  });

  const reconnectGraceMs = options.reconnectGraceMs ?? 8000;
  const cluster = options.cluster ?? SINGLE_PROCESS;
  registerVisitorNamespace({
    namespace: visitorNamespace, visitors, conversations, escalation, availability, queue: routing, feedback, logger, kb: knowledgeBase.selfService, limits, privacy,
    publicUrl: options.publicUrl, reconnectGraceMs, cluster,
  });
  registerAgentNamespace({
    namespace: agentNamespace, auth, conversations, presence, cannedReplies, tickets, escalation, store, logger,
    reconnectGraceMs, cluster, now: options.now,
  });
  // While Redis was away each process broadcast to its own clients only, and nobody disconnected, so
  // no reconnect catches up: every client here is told to fetch from the store what it missed.
  cluster.onBroadcastsLost(() => {
    visitorNamespace.local.emit('session:resync', {});
    agentNamespace.local.emit('session:resync', {});
  });

  // Every process heartbeats its own consoles and sweeps; the store arbitrates between processes.
  const sweepTimer = setInterval(() => {
    openingHours.announceOpeningsAndClosings().catch((error: unknown) => logger.error({ err: error }, 'opening hours check failed'));
    const connected = [...agentNamespace.sockets.values()].map((socket) => socket.data.agent.id);
    presence
      .heartbeat([...new Set(connected)])
      .then(() => routing.sweep())
      .then(() => escalation.escalateLongWaits())
      .then(() => tickets.sweep())
      .then(() => attachments.purgeUnsentUploads())
      .then(() => store.purgeExpiredCredentialTokens((options.now?.() ?? new Date()).toISOString()))
      .then(() => privacy.purgeExpired())
      .catch((error: unknown) => logger.error({ err: error }, 'sweep failed'));
  }, options.sweepIntervalMs ?? 5000);
  sweepTimer.unref();
  // Each process vouches for its own visitors' pages; visitors nobody vouches for any more have left.
  const visitorBeatTimer = setInterval(() => {
    const connected = new Map([...visitorNamespace.sockets.values()].map((socket) => [socket.data.visitor.id, socket.data.visitor]));
    visitors.heartbeat([...connected.values()]).catch((error: unknown) => logger.error({ err: error }, 'visitor heartbeat failed'));
  }, visitorHeartbeatMs);
  visitorBeatTimer.unref();

  return {
    httpServer,
    io,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => resolve(httpServer.address() as AddressInfo));
      });
    },
    routing,
    escalation,
    tickets,
    attachments,
    privacy,
    webhooks,
    openingHours,
    async close() {
      clearInterval(sweepTimer);
      clearInterval(visitorBeatTimer);
      await webhooks.close();
      await new Promise<void>((resolve) => {
        io.close(() => resolve());
      });
      httpServer.closeAllConnections();
      await store.close();
    },
  };
}
