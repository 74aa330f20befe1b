/** The visitor namespace: handshake -> visitor session; each handler validates and calls a service. */
import {
  HistoryRequestSchema,
  TypingSchema,
  VisitorHandshakeSchema,
  VisitorMessageSendSchema,
  parseInput,
} from '@parley/shared';
import type { Logger } from 'pino';
import type { ConversationService } from '../domain/conversation.service';
import { toParleyError } from '../domain/error-mapping';
import type { VisitorService } from '../domain/visitor.service';
import { ackHandler } from './ack-handler';
import { handshakeError } from './handshake-error';
import { rooms, type VisitorNamespace } from './types';

export interface VisitorNamespaceDeps {
  namespace: VisitorNamespace;
  visitors: VisitorService;
  conversations: ConversationService;
  logger: Logger;
}

export function registerVisitorNamespace({ namespace, visitors, conversations, logger }: VisitorNamespaceDeps): void {
  const pendingTokens = new WeakMap<object, { token: string; issued: boolean }>();

  namespace.use((socket, next) => {
    const handshake = parseInput(VisitorHandshakeSchema, socket.handshake.auth);
    if (!handshake.ok) return next(handshakeError(handshake.error));
    visitors.resumeOrStartSession(handshake.data).then(
      (session) => {
        socket.data.visitor = session.visitor;
        pendingTokens.set(socket, { token: session.visitorToken, issued: session.issuedNewToken });
        next();
      },
      (error: unknown) => next(handshakeError(toParleyError(error, logger))),
    );
  });

  namespace.on('connection', (socket) => {
    const { visitor } = socket.data;
    void socket.join(rooms.visitor(visitor.id));
    const token = pendingTokens.get(socket);
    socket.emit('session:ready', {
      visitorId: visitor.id,
      // Echoing a token the client already holds is harmless; a fresh one must reach it.
      visitorToken: token?.token ?? '',
      name: visitor.name,
    });

    socket.on(
      'conversation:history',
      ackHandler(logger, HistoryRequestSchema, (request) => conversations.visitorHistory(visitor, request.afterSeq)),
    );
    socket.on(
      'message:send',
      ackHandler(logger, VisitorMessageSendSchema, (message) => conversations.visitorSend(visitor, message)),
    );
    socket.on('typing:set', (payload: unknown) => {
      const parsed = TypingSchema.safeParse(payload);
      if (parsed.success) conversations.visitorTyping(visitor, parsed.data.typing);
    });
  });
}
