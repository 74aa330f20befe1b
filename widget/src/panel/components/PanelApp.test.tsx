import { act, fireEvent, render, screen, within } from '@testing-library/preact';
import type { i18n as I18n } from 'i18next';
import { aConversation, aMessage, agentAuthor } from '../../test-support/message-factory';
import { createChatStore, type ChatStore } from '../chat-store';
import { createWidgetI18n, type WidgetLocale } from '../i18n';
import { TranslationProvider } from '../i18n-context';
import { PanelApp, type ChatActions } from './PanelApp';

const i18nByLocale = new Map<WidgetLocale, I18n>();
beforeAll(async () => {
  for (const locale of ['en', 'ar'] as const) i18nByLocale.set(locale, await createWidgetI18n(locale));
});

function renderPanel(options: { locale?: WidgetLocale; onClose?: () => void; store?: ChatStore } = {}) {
  const store = options.store ?? createChatStore({ connection: 'online' });
  const actions: jest.Mocked<ChatActions> = {
    send: jest.fn(),
    retry: jest.fn(),
    setTyping: jest.fn(),
    identify: jest.fn(),
    skipIntroduction: jest.fn(),
  };
  const view = render(
    <TranslationProvider i18n={i18nByLocale.get(options.locale ?? 'en')!}>
      <PanelApp store={store} actions={actions} onClose={options.onClose} />
    </TranslationProvider>,
  );
  return { store, actions, view };
}

const composer = () => screen.getByRole('textbox', { name: 'Type your message' });
const messages = () => screen.queryAllByTestId('message');

describe('PanelApp', () => {
  it('greets with an empty state, a polite live list and a labelled composer', () => {
    renderPanel();
    expect(screen.getByText("Hi! Ask us anything — we're here to help.")).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'Messages' })).toHaveAttribute('aria-live', 'polite');
    expect(composer()).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Send' })).toBeDisabled();
    expect(messages()).toHaveLength(0);
  });

  it('shows history with visitor and agent bubbles, the agent name and the time', () => {
    const { store } = renderPanel();
    act(() => {
      store.receiveMessages(
        [
          aMessage({ seq: 1, text: 'Do you ship to Minsk?', createdAt: '2025-01-01T09:05:00.000Z' }),
          aMessage({ seq: 2, author: agentAuthor, text: 'Yes! See https://acme.example/shipping' }),
        ],
        { live: false },
      );
    });
    const [mine, theirs] = messages();
    expect(mine).toHaveAttribute('data-author', 'visitor');
    expect(mine).toHaveTextContent('Do you ship to Minsk?');
    expect(within(mine!).getByTestId('message-status')).toHaveTextContent('Sent');
    expect(mine!.querySelector('time')).toHaveAttribute('dateTime', '2025-01-01T09:05:00.000Z');
    expect(mine!.querySelector('time')!.textContent).toBe(
      new Intl.DateTimeFormat('en', { hour: 'numeric', minute: '2-digit' }).format(new Date('2025-01-01T09:05:00.000Z')),
    );
    expect(theirs).toHaveAttribute('data-author', 'agent');
    expect(theirs).toHaveTextContent('Anna');
    expect(within(theirs!).getByRole('link', { name: 'https://acme.example/shipping' })).toHaveAttribute(
      'rel',
      'noopener noreferrer',
    );
    expect(screen.queryByText("Hi! Ask us anything — we're here to help.")).toBeNull();
  });

  it('sends on Enter, keeps Shift+Enter for a new line, and ignores blank messages', () => {
    const { actions } = renderPanel();
    fireEvent.input(composer(), { target: { value: '   ' } });
    fireEvent.keyDown(composer(), { key: 'Enter' });
    expect(actions.send).not.toHaveBeenCalled();

    fireEvent.input(composer(), { target: { value: 'Hello\nthere' } });
    fireEvent.keyDown(composer(), { key: 'Enter', shiftKey: true });
    // Enter that confirms an IME composition (Chinese, Japanese input) is not a send.
    fireEvent.keyDown(composer(), { key: 'Enter', isComposing: true });
    expect(actions.send).not.toHaveBeenCalled();
    expect(actions.setTyping).toHaveBeenLastCalledWith(true);

    fireEvent.keyDown(composer(), { key: 'Enter' });
    expect(actions.send).toHaveBeenCalledWith('Hello\nthere');
    expect(composer()).toHaveValue('');
    expect(actions.setTyping).toHaveBeenLastCalledWith(false);

    fireEvent.input(composer(), { target: { value: 'By button' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(actions.send).toHaveBeenLastCalledWith('By button');
  });

  it('shows a message as sending until acknowledged, then as sent, once', () => {
    const { store } = renderPanel();
    const pending = { clientId: 'client_1_000', text: 'Hello?', createdAt: '2025-01-01T12:00:00.000Z' };
    act(() => store.setPending([pending]));
    expect(messages()).toHaveLength(1);
    expect(messages()[0]).toHaveAttribute('data-status', 'sending');
    expect(messages()[0]).toHaveTextContent('Sending…');

    act(() => {
      store.receiveMessages([aMessage({ seq: 1, clientId: pending.clientId, text: 'Hello?' })], { live: false });
    });
    expect(messages()).toHaveLength(1);
    expect(messages()[0]).toHaveAttribute('data-status', 'sent');
    expect(messages()[0]).toHaveTextContent('Sent');
  });

  it('lets the visitor retry a message the server refused', () => {
    const { store, actions } = renderPanel();
    act(() =>
      store.setPending([{ clientId: 'client_9_000', text: 'x', createdAt: '2025-01-01T12:00:00.000Z', failed: 'RATE_LIMITED' }]),
    );
    expect(messages()[0]).toHaveAttribute('data-status', 'failed');
    expect(messages()[0]).toHaveTextContent('Not sent');
    expect(messages()[0]).toHaveTextContent('Too many messages at once.');
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(actions.retry).toHaveBeenCalledWith('client_9_000');
  });

  it('shows when the agent is typing', () => {
    const { store } = renderPanel();
    expect(screen.getByTestId('typing-indicator')).toBeEmptyDOMElement();
    act(() => store.setAgentTyping({ name: 'Anna' }));
    expect(screen.getByTestId('typing-indicator')).toHaveTextContent('Anna is typing…');
    act(() => store.setAgentTyping({ name: null }));
    expect(screen.getByTestId('typing-indicator')).toHaveTextContent('An agent is typing…');
  });

  it('explains a refused site and disables the composer', () => {
    const { store } = renderPanel();
    act(() => store.setConnection('refused', 'SITE_NOT_FOUND'));
    expect(screen.getByRole('alert')).toHaveTextContent('Chat is not available on this site.');
    expect(composer()).toBeDisabled();
    act(() => store.setConnection('refused', 'VALIDATION_FAILED'));
    expect(screen.getByRole('alert')).toHaveTextContent('Something went wrong. Please try again later.');
  });

  it('tells an offline visitor their messages will wait, and keeps the composer usable', () => {
    const { store } = renderPanel();
    act(() => store.setConnection('offline'));
    expect(screen.getByTestId('connection-notice')).toHaveTextContent("You're offline.");
    expect(composer()).toBeEnabled();
  });

  it('shows the queue position while waiting and a notice once the chat has ended', () => {
    const { store } = renderPanel();
    act(() => {
      store.setConversation(aConversation({ status: 'queued' }));
      store.setQueuePosition({ conversationId: 'conversation_1', position: 3, estimatedWaitSeconds: 240 });
    });
    expect(screen.getByTestId('queue-position')).toHaveTextContent('Your place in the queue: 3');
    expect(screen.getByTestId('queue-position')).toHaveTextContent('4 minutes');
    act(() => store.setConversation(aConversation({ status: 'resolved' })));
    expect(screen.queryByTestId('queue-position')).toBeNull();
    expect(screen.getByText('This chat has ended. Write a message to start a new one.')).toBeInTheDocument();
  });

  it('is laid out right to left in Arabic', () => {
    const { view } = renderPanel({ locale: 'ar' });
    const panel = view.container.firstElementChild!;
    expect(panel).toHaveAttribute('dir', 'rtl');
    expect(panel).toHaveAttribute('lang', 'ar');
    expect(screen.getByRole('textbox', { name: 'اكتب رسالتك' })).toBeInTheDocument();
  });

  it('asks the host to close from the header, and has no close button when not framed', () => {
    const onClose = jest.fn();
    const { view } = renderPanel({ onClose });
    fireEvent.click(screen.getByRole('button', { name: 'Close chat' }));
    expect(onClose).toHaveBeenCalled();
    view.unmount();
    renderPanel();
    expect(screen.queryByRole('button', { name: 'Close chat' })).toBeNull();
  });

  it('puts the cursor in the composer when the chat opens', () => {
    const { store } = renderPanel();
    expect(composer()).not.toHaveFocus();
    act(() => store.setOpen(true));
    expect(composer()).toHaveFocus();
  });

  it('offers an optional introduction before the first message, without blocking the composer', () => {
    const { actions, store } = renderPanel();
    const form = screen.getByRole('form', { name: "Introduce yourself if you like — it's optional." });
    expect(composer()).toBeEnabled();
    fireEvent.input(within(form).getByLabelText('Your name'), { target: { value: ' Ada ' } });
    fireEvent.submit(form);
    expect(actions.identify).toHaveBeenCalledWith({ name: 'Ada', email: undefined });

    act(() => store.setIntroduced('Ada'));
    expect(screen.queryByRole('form')).toBeNull();
  });

  it('does not ask for an introduction once there are messages or the visitor is known', () => {
    const { store, actions } = renderPanel();
    fireEvent.click(screen.getByRole('button', { name: 'Not now' }));
    expect(actions.skipIntroduction).toHaveBeenCalled();
    act(() => {
      store.receiveMessages([aMessage({ seq: 1 })], { live: false });
    });
    expect(screen.queryByRole('form')).toBeNull();
  });
});
