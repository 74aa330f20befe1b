/** Knowledge-base events of the visitor namespace: suggestions before a chat, reading, votes, deflection. */
import { KbArticleRequestSchema, KbDeflectionSchema, KbSuggestRequestSchema, KbVoteSchema } from '@parley/shared';
import type { Logger } from 'pino';
import { voterKey, type KbSelfService } from '../domain/kb-self-service';
import { ackEvent } from './ack-handler';
import type { VisitorSocket } from './types';

/** Shared by every visitor socket (see event-dispatch); each acts for the socket's own visitor. */
export function kbVisitorEvents({ kb, logger }: { kb: KbSelfService; logger: Logger }) {
  return {
    'kb:suggest': ackEvent(logger, KbSuggestRequestSchema, ({ data: { visitor } }: VisitorSocket, { text }) =>
      kb.suggest({ siteId: visitor.siteId, locale: visitor.locale, text }),
    ),
    'kb:article': ackEvent(logger, KbArticleRequestSchema, ({ data: { visitor } }: VisitorSocket, { articleId }) =>
      kb.article({ siteId: visitor.siteId, articleId }),
    ),
    'kb:vote': ackEvent(logger, KbVoteSchema, ({ data: { visitor } }: VisitorSocket, vote) =>
      kb.vote({ siteId: visitor.siteId, voterKey: voterKey.visitor(visitor.id), ...vote }),
    ),
    'kb:deflection': ackEvent(logger, KbDeflectionSchema, ({ data: { visitor } }: VisitorSocket, event) =>
      kb.deflection({ siteId: visitor.siteId, voterKey: voterKey.visitor(visitor.id), ...event }),
    ),
  };
}
