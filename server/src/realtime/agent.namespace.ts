/** The agent namespace: bearer-token handshake, then thin handlers over the conversation service. */
import {
  AgentHandshakeSchema,
  AgentMessageSendSchema,
  AgentStatusSetSchema,
  AgentTypingSchema,
  ConversationRefSchema,
  parseInput,
} from '@parley/shared';
import { z } from 'zod';
import type { Logger } from 'pino';
import type { AuthService } from '../domain/auth.service';
import type { ConversationService } from '../domain/conversation.service';
import { toParleyError } from '../domain/error-mapping';
import type { AgentService } from '../domain/agent.service';
import { ackHandler } from './ack-handler';
import { handshakeError } from './handshake-error';
import { rooms, type AgentNamespace } from './types';

export interface AgentNamespaceDeps {
  namespace: AgentNamespace;
  auth: AuthService;
  conversations: ConversationService;
  agents: AgentService;
  logger: Logger;
}

const EmptyRequestSchema = z.strictObject({});

export function registerAgentNamespace({ namespace, auth, conversations, agents, logger }: AgentNamespaceDeps): void {
  namespace.use((socket, next) => {
    const handshake = parseInput(AgentHandshakeSchema, socket.handshake.auth);
    if (!handshake.ok) return next(handshakeError({ code: 'UNAUTHENTICATED', message: 'Sign in first.' }));
    auth.authenticate(handshake.data.token).then(
      (agent) => {
        socket.data.agent = agent;
        next();
      },
      (error: unknown) => next(handshakeError(toParleyError(error, logger))),
    );
  });

  namespace.on('connection', (socket) => {
    const { agent } = socket.data;
    void socket.join([rooms.siteAgents(agent.siteId), rooms.agent(agent.id)]);
    socket.emit('session:ready', agent);

    socket.on('conversation:list', ackHandler(logger, EmptyRequestSchema, () => conversations.agentList(agent)));
    socket.on(
      'conversation:open',
      ackHandler(logger, ConversationRefSchema, ({ conversationId }) => conversations.agentOpen(agent, conversationId)),
    );
    socket.on(
      'conversation:claim',
      ackHandler(logger, ConversationRefSchema, ({ conversationId }) => conversations.agentClaim(agent, conversationId)),
    );
    socket.on(
      'conversation:resolve',
      ackHandler(logger, ConversationRefSchema, ({ conversationId }) =>
        conversations.agentResolve(agent, conversationId),
      ),
    );
    socket.on('message:send', ackHandler(logger, AgentMessageSendSchema, (message) => conversations.agentSend(agent, message)));
    socket.on(
      'agent:status',
      ackHandler(logger, AgentStatusSetSchema, ({ status }) => agents.setStatus(agent, status)),
    );
    socket.on('typing:set', (payload: unknown) => {
      const parsed = AgentTypingSchema.safeParse(payload);
      if (!parsed.success) return;
      conversations.agentTyping(agent, parsed.data.conversationId, parsed.data.typing).catch(() => undefined);
    });
  });
}
