/** Knowledge-base events of the visitor namespace: suggestions before a chat, reading, votes, deflection. */
import { KbArticleRequestSchema, KbDeflectionSchema, KbSuggestRequestSchema, KbVoteSchema } from '@parley/shared';
import type { Logger } from 'pino';
import { voterKey, type KbSelfService } from '../domain/kb-self-service';
import type { Visitor } from '../store/store';
import { ackHandler } from './ack-handler';
import type { VisitorSocket } from './types';

export function registerKbVisitorHandlers(deps: { socket: VisitorSocket; kb: KbSelfService; logger: Logger }): void {
  const { socket, kb, logger } = deps;
  const visitor = (): Visitor => socket.data.visitor;

  socket.on(
    'kb:suggest',
    ackHandler(logger, KbSuggestRequestSchema, ({ text }) => kb.suggest({ siteId: visitor().siteId, locale: visitor().locale, text })),
  );
  socket.on(
    'kb:article',
    ackHandler(logger, KbArticleRequestSchema, ({ articleId }) => kb.article({ siteId: visitor().siteId, articleId })),
  );
  socket.on(
    'kb:vote',
    ackHandler(logger, KbVoteSchema, (vote) => kb.vote({ siteId: visitor().siteId, voterKey: voterKey.visitor(visitor().id), ...vote })),
  );
  socket.on(
    'kb:deflection',
    ackHandler(logger, KbDeflectionSchema, (event) =>
      kb.deflection({ siteId: visitor().siteId, voterKey: voterKey.visitor(visitor().id), ...event }),
    ),
  );
}
