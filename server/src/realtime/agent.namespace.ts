/** The agent namespace: bearer-token handshake, then thin handlers over domain services. */
import {
  AgentHandshakeSchema,
  AgentMessageSendSchema,
  AgentReadSchema,
  AgentStatusSetSchema,
  AgentTypingSchema,
  CannedReplyInputSchema,
  BulkTicketUpdateSchema,
  ConversationRefSchema,
  EscalateRequestSchema,
  IdRefSchema,
  TicketQuerySchema,
  TicketRefSchema,
  TicketReplyRequestSchema,
  TicketUpdateRequestSchema,
  InviteRequestSchema,
  TransferRequestSchema,
  VisitorRefSchema,
  parseInput,
  type Agent,
  type AgentClientToServerEvents,
} from '@parley/shared';
import { z } from 'zod';
import type { Logger } from 'pino';
import type { AuthService } from '../domain/auth.service';
import type { CannedReplyService } from '../domain/canned-reply.service';
import type { EscalationService } from '../domain/escalation.service';
import type { TicketService } from '../domain/ticket.service';
import type { ConversationService } from '../domain/conversation.service';
import { toParleyError } from '../domain/error-mapping';
import type { PresenceService } from '../domain/presence.service';
import type { Store } from '../store/store';
import { ackEvent } from './ack-handler';
import { createEventDispatch } from './event-dispatch';
import { clientAuth } from './handshake-auth';
import { handshakeError } from './handshake-error';
import { rooms, type AgentNamespace, type AgentSocket } from './types';
import type { ClusterLink } from './cluster-link';

export interface AgentNamespaceDeps {
  namespace: AgentNamespace;
  auth: AuthService;
  conversations: ConversationService;
  presence: PresenceService;
  cannedReplies: CannedReplyService;
  tickets: TicketService;
  escalation: EscalationService;
  store: Store;
  logger: Logger;
  /** How long a closed console may take to come back (a reload) before its agent goes offline. */
  reconnectGraceMs: number;
  /** Whether a count of consoles across processes can be trusted now. */
  cluster: ClusterLink;
  now?: () => Date;
}

const EmptyRequestSchema = z.strictObject({});

/** setTimeout's longest delay (about 24.8 days); a longer session is checked again then. */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

export function registerAgentNamespace(deps: AgentNamespaceDeps): void {
  const { namespace, auth, presence, logger, now = () => new Date() } = deps;

  namespace.use((socket, next) => {
    const handshake = parseInput(AgentHandshakeSchema, clientAuth(socket.handshake.auth));
    if (!handshake.ok) return next(handshakeError({ code: 'UNAUTHENTICATED', message: 'Sign in first.' }));
    // Only a session authenticates: a password-only challenge (two-factor pending) is no session.
    auth.authenticateSession(handshake.data.token).then(
      ({ agent, sessionHash, expiresAt }) => {
        socket.data.agent = agent;
        socket.data.sessionHash = sessionHash;
        socket.data.sessionExpiresAt = expiresAt;
        next();
      },
      (error: unknown) => next(handshakeError(toParleyError(error, logger))),
    );
  });

  /** Counts the agent's consoles on every process (through the adapter), after a grace period. */
  function checkLastConsole(agent: Agent): void {
    setTimeout(() => {
      // Around a Redis outage "no console" may only mean "none on this process": ask again later,
      // rather than set an agent offline (and take her chats) whose console elsewhere never closed.
      if (!deps.cluster.countsAreComplete()) return checkLastConsole(agent);
      namespace
        .in(rooms.agent(agent.id))
        .fetchSockets()
        .then((sockets) => (sockets.length === 0 ? presence.lastConsoleClosed(agent) : undefined))
        .catch((error: unknown) => logger.error({ err: error }, 'presence check failed'));
    }, deps.reconnectGraceMs).unref();
  }

  /**
   * A console is let go when its session ends, as its REST calls are refused then; its reconnect is
   * refused too, and it signs out. The stored session decides (it may have been ended or renewed).
   */
  function endWithSession(socket: AgentSocket): void {
    let timer: NodeJS.Timeout | undefined;
    const arm = (expiresAt: string) => {
      const left = Date.parse(expiresAt) - now().getTime();
      if (left <= 0) return void socket.disconnect(true);
      timer = setTimeout(check, Math.min(left, LONGEST_TIMER_MS));
      timer.unref();
    };
    const check = () => {
      auth.sessionEndsAt(socket.data.sessionHash).then(
        (endsAt) => (endsAt ? arm(endsAt) : void socket.disconnect(true)),
        (error: unknown) => logger.error({ err: error }, 'session expiry check failed'),
      );
    };
    arm(socket.data.sessionExpiresAt);
    socket.on('disconnect', () => clearTimeout(timer));
  }

  const dispatchEvents = createEventDispatch<AgentSocket, keyof AgentClientToServerEvents>({
    ...chatEvents(deps),
    ...ticketEvents(deps),
  });

  namespace.on('connection', (socket: AgentSocket) => {
    const { agent } = socket.data;
    void socket.join([rooms.siteAgents(agent.siteId), rooms.agent(agent.id), rooms.session(socket.data.sessionHash)]);
    presence.consoleOpened(agent).then(
      (current) => {
        socket.data.agent = current;
        socket.emit('session:ready', current);
      },
      (error: unknown) => logger.error({ err: error }, 'console open failed'),
    );
    socket.on('disconnect', () => checkLastConsole(agent));
    endWithSession(socket);
    dispatchEvents(socket);
  });
}

/** The socket's agent as last known on it: status and profile change while it is open. */
const me = (socket: AgentSocket) => socket.data.agent;

function chatEvents({ conversations, presence, cannedReplies, store, logger }: AgentNamespaceDeps) {
  return {
    'conversation:reopen': ackEvent(logger, ConversationRefSchema, (socket: AgentSocket, { conversationId }) =>
      conversations.agentReopen(me(socket), conversationId),
    ),
    'conversation:invite': ackEvent(logger, InviteRequestSchema, (socket: AgentSocket, request) => conversations.agentInvite(me(socket), request)),
    'visitor:profile': ackEvent(logger, VisitorRefSchema, (socket: AgentSocket, { visitorId }) =>
      conversations.visitorProfile(me(socket), visitorId),
    ),
    'canned:list': ackEvent(logger, EmptyRequestSchema, (socket: AgentSocket) => cannedReplies.list(me(socket))),
    'canned:save': ackEvent(logger, CannedReplyInputSchema, (socket: AgentSocket, input) => cannedReplies.save(me(socket), input)),
    'canned:delete': ackEvent(logger, IdRefSchema, (socket: AgentSocket, { id }) => cannedReplies.remove(me(socket), id)),
    'conversation:list': ackEvent(logger, EmptyRequestSchema, (socket: AgentSocket) => conversations.agentList(me(socket))),
    'agent:list': ackEvent(logger, EmptyRequestSchema, (socket: AgentSocket) => store.listAgents(me(socket).siteId)),
    'conversation:open': ackEvent(logger, ConversationRefSchema, (socket: AgentSocket, { conversationId }) =>
      // Watching from before the transcript is read: no message can fall between the two.
      conversations.agentOpen(me(socket), conversationId, () => socket.join(rooms.conversationWatchers(conversationId))),
    ),
    'conversation:claim': ackEvent(logger, ConversationRefSchema, (socket: AgentSocket, { conversationId }) =>
      conversations.agentClaim(me(socket), conversationId),
    ),
    'conversation:resolve': ackEvent(logger, ConversationRefSchema, (socket: AgentSocket, { conversationId }) =>
      conversations.agentResolve(me(socket), conversationId),
    ),
    'conversation:transfer': ackEvent(logger, TransferRequestSchema, (socket: AgentSocket, request) =>
      conversations.agentTransfer(me(socket), request),
    ),
    'message:send': ackEvent(logger, AgentMessageSendSchema, (socket: AgentSocket, message) => conversations.agentSend(me(socket), message)),
    'agent:status': ackEvent(logger, AgentStatusSetSchema, async (socket: AgentSocket, { status }) => {
      // Later requests on this socket act as the agent as they are now.
      socket.data.agent = await presence.setStatus(me(socket), status);
      return socket.data.agent;
    }),
    'message:read': (socket: AgentSocket, [payload]: unknown[]) => {
      const parsed = AgentReadSchema.safeParse(payload);
      if (!parsed.success) return;
      conversations.agentRead(me(socket), parsed.data.conversationId, parsed.data.seq).catch(() => undefined);
    },
    'typing:set': (socket: AgentSocket, [payload]: unknown[]) => {
      const parsed = AgentTypingSchema.safeParse(payload);
      if (!parsed.success) return;
      conversations.agentTyping(me(socket), parsed.data.conversationId, parsed.data.typing).catch(() => undefined);
    },
  };
}

function ticketEvents({ tickets, escalation, logger }: AgentNamespaceDeps) {
  return {
    'conversation:escalate': ackEvent(logger, EscalateRequestSchema, (socket: AgentSocket, request) =>
      escalation.escalateByAgent(me(socket), request),
    ),
    'ticket:search': ackEvent(logger, TicketQuerySchema, (socket: AgentSocket, query) => tickets.search(me(socket), query)),
    'ticket:open': ackEvent(logger, TicketRefSchema, (socket: AgentSocket, { ticketId }) => tickets.open(me(socket), ticketId)),
    'ticket:update': ackEvent(logger, TicketUpdateRequestSchema, (socket: AgentSocket, { ticketId, update }) =>
      tickets.update(me(socket), ticketId, update),
    ),
    'ticket:bulk-update': ackEvent(logger, BulkTicketUpdateSchema, (socket: AgentSocket, { ticketIds, update }) =>
      tickets.bulkUpdate(me(socket), ticketIds, update),
    ),
    'ticket:reply': ackEvent(logger, TicketReplyRequestSchema, (socket: AgentSocket, { ticketId, reply }) =>
      tickets.reply(me(socket), ticketId, reply),
    ),
  };
}
