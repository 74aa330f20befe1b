import { act, screen, waitFor } from '@testing-library/preact';
import type { Conversation } from '@parley/shared';
import { useState } from 'preact/hooks';
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
  const notice = screen.getByTestId('conversation-notice');
  await waitFor(() => expect(notice).not.toBeEmptyDOMElement());
  return notice;
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

describe('ConversationNotice as a live region', () => {
  const noRating = { rating: null } as Partial<Conversation>;

  it('is in the page (empty) before the place in the queue is known, and the same status line gets it', async () => {
    const queued = { ...waiting({ agentsOnline: true, openNow: true }), queuePosition: null };
    let place: () => void = () => undefined;
    function Chat() {
      const [known, setKnown] = useState(false);
      place = () => setKnown(true);
      return <ConversationNotice state={known ? waiting({ agentsOnline: true, openNow: true }) : queued} />;
    }
    await renderWithI18n(<Chat />);
    const status = screen.getByRole('status');
    expect(status).toBeEmptyDOMElement();

    act(() => place());
    expect(screen.getByRole('status')).toBe(status);
    expect(status).toHaveTextContent('Your place in the queue: 3 · Estimated wait: 2 minutes');
  });

  it('says the chat has ended, and that it may be rated, in the status line that was there while the agent answered', async () => {
    const answered = { conversation: aConversation({ status: 'assigned', ...noRating }), queuePosition: null, availability: null };
    let end: () => void = () => undefined;
    function Chat() {
      const [resolved, setResolved] = useState(false);
      end = () => setResolved(true);
      const state = resolved ? { ...answered, conversation: aConversation({ status: 'resolved', ...noRating }) } : answered;
      return <ConversationNotice state={state} rating={resolved} />;
    }
    await renderWithI18n(<Chat />);
    const status = screen.getByRole('status');
    await act(() => new Promise((resolve) => setTimeout(resolve, 20)));
    expect(status).toBeEmptyDOMElement();

    act(() => end());
    expect(screen.getByRole('status')).toBe(status);
    expect(status).toHaveTextContent('This chat has ended. Write a message to start a new one. How was this chat?');
  });

  it('words the wait in Belarusian where the browser has no Belarusian data, not in Russian', async () => {
    // Chromium's Intl knows no `be`: the panel formats in Russian there, which spelled "3 минуты".
    const supported = jest.spyOn(Intl.DateTimeFormat, 'supportedLocalesOf').mockImplementation((locales) =>
      [locales ?? []].flat().map(String).filter((locale) => locale !== 'be'),
    );
    try {
      for (const [seconds, words] of [[180, '3 хвіліны'], [300, '5 хвілін'], [60, '1 хвіліна'], [1260, '21 хвіліна']] as const) {
        const state = { ...waiting({ agentsOnline: true, openNow: true }), queuePosition: { conversationId: 'conversation_1', position: 2, estimatedWaitSeconds: seconds } };
        const notice = await noticeIn(state, 'be');
        expect(notice).toHaveTextContent(`: ${words}`);
        expect(notice).not.toHaveTextContent(/минут/);
        notice.remove();
      }
    } finally {
      supported.mockRestore();
    }
  });
});
