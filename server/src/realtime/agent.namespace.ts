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
import { ackHandler } from './ack-handler';
import { clientAuth } from './handshake-auth';
import { handshakeError } from './handshake-error';
import { rooms, type AgentNamespace, type AgentSocket } from './types';

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
}

const EmptyRequestSchema = z.strictObject({});

export function registerAgentNamespace(deps: AgentNamespaceDeps): void {
  const { namespace, auth, presence, logger } = deps;

  namespace.use((socket, next) => {
    const handshake = parseInput(AgentHandshakeSchema, clientAuth(socket.handshake.auth));
    if (!handshake.ok) return next(handshakeError({ code: 'UNAUTHENTICATED', message: 'Sign in first.' }));
    // Only a session authenticates: a password-only challenge (two-factor pending) is no session.
    auth.authenticateSession(handshake.data.token).then(
      ({ agent, sessionHash }) => {
        socket.data.agent = agent;
        socket.data.sessionHash = sessionHash;
        next();
      },
      (error: unknown) => next(handshakeError(toParleyError(error, logger))),
    );
  });

  /** Counts the agent's consoles on every process (through the adapter), after a grace period. */
  function checkLastConsole(agent: Agent): void {
    setTimeout(() => {
      namespace
        .in(rooms.agent(agent.id))
        .fetchSockets()
        .then((sockets) => (sockets.length === 0 ? presence.lastConsoleClosed(agent) : undefined))
        .catch((error: unknown) => logger.error({ err: error }, 'presence check failed'));
    }, deps.reconnectGraceMs).unref();
  }

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
    registerAgentHandlers(socket, deps);
  });

}

function registerAgentHandlers(socket: AgentSocket, deps: AgentNamespaceDeps): void {
  const { conversations, presence, cannedReplies, store, logger } = deps;
  registerTicketHandlers(socket, deps);
  // Always the agent as last known on this socket (status and profile change while it is open).
  const me = () => socket.data.agent;
  socket.on(
    'conversation:reopen',
    ackHandler(logger, ConversationRefSchema, ({ conversationId }) => conversations.agentReopen(me(), conversationId)),
  );
  socket.on('conversation:invite', ackHandler(logger, InviteRequestSchema, (request) => conversations.agentInvite(me(), request)));
  socket.on(
    'visitor:profile',
    ackHandler(logger, VisitorRefSchema, ({ visitorId }) => conversations.visitorProfile(me(), visitorId)),
  );
  socket.on('canned:list', ackHandler(logger, EmptyRequestSchema, () => cannedReplies.list(me())));
  socket.on('canned:save', ackHandler(logger, CannedReplyInputSchema, (input) => cannedReplies.save(me(), input)));
  socket.on('canned:delete', ackHandler(logger, IdRefSchema, ({ id }) => cannedReplies.remove(me(), id)));
  socket.on('conversation:list', ackHandler(logger, EmptyRequestSchema, () => conversations.agentList(me())));
  socket.on('agent:list', ackHandler(logger, EmptyRequestSchema, () => store.listAgents(me().siteId)));
  socket.on(
    'conversation:open',
    ackHandler(logger, ConversationRefSchema, ({ conversationId }) =>
      // Watching from before the transcript is read: no message can fall between the two.
      conversations.agentOpen(me(), conversationId, () => socket.join(rooms.conversationWatchers(conversationId))),
    ),
  );
  socket.on(
    'conversation:claim',
    ackHandler(logger, ConversationRefSchema, ({ conversationId }) => conversations.agentClaim(me(), conversationId)),
  );
  socket.on(
    'conversation:resolve',
    ackHandler(logger, ConversationRefSchema, ({ conversationId }) => conversations.agentResolve(me(), conversationId)),
  );
  socket.on(
    'conversation:transfer',
    ackHandler(logger, TransferRequestSchema, (request) => conversations.agentTransfer(me(), request)),
  );
  socket.on('message:send', ackHandler(logger, AgentMessageSendSchema, (message) => conversations.agentSend(me(), message)));
  socket.on(
    'agent:status',
    ackHandler(logger, AgentStatusSetSchema, async ({ status }) => {
      // Later requests on this socket act as the agent as they are now.
      socket.data.agent = await presence.setStatus(me(), status);
      return socket.data.agent;
    }),
  );
  socket.on('message:read', (payload: unknown) => {
    const parsed = AgentReadSchema.safeParse(payload);
    if (!parsed.success) return;
    conversations.agentRead(me(), parsed.data.conversationId, parsed.data.seq).catch(() => undefined);
  });
  socket.on('typing:set', (payload: unknown) => {
    const parsed = AgentTypingSchema.safeParse(payload);
    if (!parsed.success) return;
    conversations.agentTyping(me(), parsed.data.conversationId, parsed.data.typing).catch(() => undefined);
  });
}

function registerTicketHandlers(socket: AgentSocket, { tickets, escalation, logger }: AgentNamespaceDeps): void {
  const me = () => socket.data.agent;
  socket.on('conversation:escalate', ackHandler(logger, EscalateRequestSchema, (request) => escalation.escalateByAgent(me(), request)));
  socket.on('ticket:search', ackHandler(logger, TicketQuerySchema, (query) => tickets.search(me(), query)));
  socket.on('ticket:open', ackHandler(logger, TicketRefSchema, ({ ticketId }) => tickets.open(me(), ticketId)));
  socket.on(
    'ticket:update',
    ackHandler(logger, TicketUpdateRequestSchema, ({ ticketId, update }) => tickets.update(me(), ticketId, update)),
  );
  socket.on(
    'ticket:bulk-update',
    ackHandler(logger, BulkTicketUpdateSchema, ({ ticketIds, update }) => tickets.bulkUpdate(me(), ticketIds, update)),
  );
  socket.on('ticket:reply', ackHandler(logger, TicketReplyRequestSchema, ({ ticketId, reply }) => tickets.reply(me(), ticketId, reply)));
}
