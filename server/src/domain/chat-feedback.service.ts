/** The end of a chat from the visitor's side: a satisfaction rating and the transcript by e-mail. */
import type { ChatRating, Conversation } from '@parley/shared';
import type { Store, Visitor } from '../store/store';
import type { Broadcaster } from './broadcaster.port';
import { chatTranscript, ENGLISH_TRANSCRIPT_LABELS, type TranscriptLabelsFor } from './chat-transcript';
import { visitorViewOf } from './conversation-visitor-view';
import { customerLanguage } from './customer-language';
import { DomainError } from './domain-error';
import { NO_DOMAIN_EVENTS, type DomainEvents } from './domain-events.port';
import type { Mailer } from './mailer.port';

export interface ChatFeedbackDeps {
  store: Store;
  broadcaster: Broadcaster;
  mailer: Mailer;
  events?: DomainEvents;
  transcriptLabels?: TranscriptLabelsFor;
}

export function createChatFeedbackService(deps: ChatFeedbackDeps) {
  const { store, broadcaster, mailer, events = NO_DOMAIN_EVENTS } = deps;
  const transcriptLabels = deps.transcriptLabels ?? ENGLISH_TRANSCRIPT_LABELS;
  async function latestOf(visitor: Visitor): Promise<Conversation> {
    const conversation = await store.findLatestConversation(visitor.siteId, visitor.id);
    if (!conversation) throw new DomainError('CONVERSATION_NOT_FOUND', 'There is no conversation yet.');
    return conversation;
  }

  return {
    async rate(visitor: Visitor, rating: ChatRating): Promise<Conversation> {
      const conversation = await latestOf(visitor);
      if (conversation.status !== 'resolved') {
        throw new DomainError('VALIDATION_FAILED', 'You can rate the chat once it has ended.');
      }
      const rated = await store.rateConversation({ conversationId: conversation.id, score: rating.score, comment: rating.comment ?? null });
      if (!rated) throw new DomainError('CONVERSATION_NOT_FOUND', 'This conversation no longer exists.');
      broadcaster.conversationUpdated(rated);
      events.ratingCreated({ target: 'conversation', conversation: rated, score: rating.score, comment: rating.comment ?? null });
      return visitorViewOf(rated);
    },

    async emailTranscript(visitor: Visitor, email: string): Promise<{ queued: true }> {
      const conversation = await latestOf(visitor);
      const [site, messages, ticket] = await Promise.all([
        store.findSiteById(visitor.siteId),
        store.listMessages({ conversationId: conversation.id, includeInternal: false, limit: 5000 }),
        conversation.ticketId ? store.findTicket(conversation.ticketId) : null,
      ]);
      const locale = site ? customerLanguage(site.settings, [conversation.locale, visitor.locale]) : (visitor.locale ?? 'en');
      await mailer.enqueue({
        siteId: visitor.siteId,
        to: email,
        locale,
        template: 'chat_transcript',
        data: {
          siteName: site?.name ?? '', requesterName: visitor.name ?? '', transcript: chatTranscript(messages, transcriptLabels(locale, 'visitor')),
          // Shown nowhere: retention and erasure find the transcript by its chat, as they find a ticket's e-mails by the ticket.
          conversationId: conversation.id,
          // A chat that became a ticket: its transcript joins the ticket's e-mail thread, under its subject.
          ...(ticket ? { ticketId: ticket.id, ticketNumber: ticket.number, subject: ticket.subject } : {}),
        },
      });
      return { queued: true };
    },
  };
}

export type ChatFeedbackService = ReturnType<typeof createChatFeedbackService>;
