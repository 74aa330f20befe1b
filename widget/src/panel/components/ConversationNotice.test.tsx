import { screen } from '@testing-library/preact';
import { aConversation } from '../../test-support/message-factory';
import { renderWithI18n } from '../../test-support/render-with-i18n';
import type { ChatState } from '../chat-store';
import type { WidgetLocale } from '../i18n';
import { ConversationNotice } from './ConversationNotice';

const waiting = (availability: ChatState['availability']) => ({
  conversation: aConversation({ status: 'queued' }),
  queuePosition: { conversationId: 'conversation_1', position: 3, estimatedWaitSeconds: 120 },
  availability,
});

const noticeIn = async (state: ReturnType<typeof waiting>, locale: WidgetLocale = 'en') => {
  await renderWithI18n(<ConversationNotice state={state} />, locale);
  return screen.getByTestId('queue-position');
};

describe('ConversationNotice in the queue', () => {
  it('gives the place and the estimated wait while someone can answer', async () => {
    const notice = await noticeIn(waiting({ agentsOnline: true, openNow: true }));
    expect(notice).toHaveTextContent('Your place in the queue: 3 · Estimated wait: 2 minutes');
  });

  it('promises no wait when nobody is online: says the answer comes when someone is back, or by e-mail', async () => {
    const notice = await noticeIn(waiting({ agentsOnline: false, openNow: true }));
    expect(notice).toHaveTextContent("Your place in the queue: 3 · We'll reply here when someone is back, or by email.");
    expect(notice).not.toHaveTextContent(/Estimated wait|minute/);
  });

  it('promises no wait out of opening hours either, in the visitor’s language', async () => {
    const notice = await noticeIn(waiting({ agentsOnline: true, openNow: false }), 'de');
    expect(notice).toHaveTextContent('Ihr Platz in der Warteschlange: 3 · Wir antworten hier, sobald jemand zurück ist, oder per E-Mail.');
  });
});
