import { act, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { aConversation, aMessage, agentAuthor, systemAuthor } from '../../test-support/message-factory';
import { aSiteConfig, fakeActions, renderWithI18n } from '../../test-support/render-with-i18n';
import { createChatStore, type ChatStore } from '../chat-store';
import type { WidgetLocale } from '../i18n';
import { PanelApp } from './PanelApp';

async function renderPanel(options: { locale?: WidgetLocale; onClose?: () => void; store?: ChatStore } = {}) {
  const store = options.store ?? createChatStore({ connection: 'online' });
  const actions = fakeActions();
  const view = await renderWithI18n(<PanelApp store={store} actions={actions} onClose={options.onClose} />, options.locale);
  return { store, actions, view };
}

const composer = () => screen.getByRole('textbox', { name: 'Type your message' });
const messages = () => screen.queryAllByTestId('message');

describe('PanelApp', () => {
  it('greets with an empty state, a labelled list with polite announcements beside it, and a labelled composer', async () => {
    await renderPanel();
    expect(screen.getByText("Hi! Ask us anything — we're here to help.")).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'Messages' })).toBeInTheDocument();
    expect(screen.getByTestId('message-announcements')).toHaveAttribute('aria-live', 'polite');
    expect(composer()).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Send' })).toBeDisabled();
    expect(messages()).toHaveLength(0);
  });

  it('shows history with visitor and agent bubbles, the agent name and the time', async () => {
    const { store } = await renderPanel();
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

  it('sends on Enter, keeps Shift+Enter for a new line, and ignores blank messages', async () => {
    const { actions } = await renderPanel();
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
    expect(actions.send).toHaveBeenCalledWith('Hello\nthere', []);
    expect(composer()).toHaveValue('');
    expect(actions.setTyping).toHaveBeenLastCalledWith(false);

    fireEvent.input(composer(), { target: { value: 'By button' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(actions.send).toHaveBeenLastCalledWith('By button', []);
  });

  it('shows "Read" on the visitor messages an agent has read, "Sent" on the others', async () => {
    const { store } = await renderPanel();
    act(() => {
      store.setConversation(aConversation({ status: 'assigned' }));
      store.receiveMessages([aMessage({ seq: 1 }), aMessage({ seq: 2, author: agentAuthor }), aMessage({ seq: 3 })], {
        live: false,
      });
      store.setRead({ conversationId: 'conversation_1', visitorSeq: 2, agentSeq: 1 });
    });
    const statuses = () => screen.getAllByTestId('message-status').map((status) => status.textContent);
    expect(statuses()).toEqual(['Read', 'Sent']);
    act(() => store.setRead({ conversationId: 'conversation_1', visitorSeq: 2, agentSeq: 3 }));
    expect(statuses()).toEqual(['Read', 'Read']);
    // A mark for another conversation (a new chat) says nothing about these: they stay read.
    act(() => store.setRead({ conversationId: 'conversation_2', visitorSeq: 0, agentSeq: 0 }));
    expect(statuses()).toEqual(['Read', 'Read']);
  });

  it('says "Read" in the visitor language', async () => {
    const { store } = await renderPanel({ locale: 'ru' });
    act(() => {
      store.receiveMessages([aMessage({ seq: 1 })], { live: false });
      store.setRead({ conversationId: 'conversation_1', visitorSeq: 1, agentSeq: 1 });
    });
    expect(screen.getByTestId('message-status')).toHaveTextContent('Прочитано');
  });

  it('shows the site status notice at the top, an outage styled as an alert', async () => {
    const { store } = await renderPanel();
    expect(screen.queryByTestId('status-notice')).toBeNull();
    const postedAt = '2025-01-01T12:00:00.000Z';
    act(() => store.update({ site: aSiteConfig({ statusNotice: { text: 'Payments are slow', severity: 'info', postedAt } }) }));
    const banner = await screen.findByTestId('status-notice');
    expect(banner).toHaveAttribute('role', 'status');
    expect(banner).toHaveTextContent('Payments are slow');
    expect(banner).not.toHaveClass('status-notice--outage');
    act(() => store.update({ site: aSiteConfig({ statusNotice: { text: 'Chat is down', severity: 'outage', postedAt } }) }));
    expect(screen.getByTestId('status-notice')).toHaveClass('status-notice--outage');
    expect(screen.getByTestId('status-notice')).toHaveTextContent('Chat is down');
    // Above the messages and the composer.
    expect(screen.getByTestId('status-notice').compareDocumentPosition(composer()) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    act(() => store.update({ site: aSiteConfig({ statusNotice: null }) }));
    expect(screen.queryByTestId('status-notice')).toBeNull();
  });

  it('offers the knowledge-base best match before the first message, with the real composer', async () => {
    const store = createChatStore({ connection: 'online', open: true });
    const refunds = { id: 'kb_refunds', language: 'en', slug: 'refunds', title: 'Refunds', summary: 'Money back', url: '/help/refunds' };
    const actions = fakeActions({ 'kb:suggest': () => ({ ok: true, data: { articles: [refunds], bestMatch: refunds } }) });
    await renderWithI18n(<PanelApp store={store} actions={actions} />);
    fireEvent.input(composer(), { target: { value: 'I want a refund' } });
    expect(await screen.findByTestId('kb-suggestions', {}, { timeout: 2000 })).toHaveTextContent('Refunds');

    fireEvent.keyDown(composer(), { key: 'Enter' });
    expect(actions.send).not.toHaveBeenCalled();
    const offer = await screen.findByTestId('kb-offer');
    fireEvent.click(within(offer).getByRole('button', { name: 'Send anyway' }));
    expect(actions.send).toHaveBeenCalledWith('I want a refund', []);
    expect(composer()).toHaveValue('');
  });

  it('shows a message as sending until acknowledged, then as sent, once', async () => {
    const { store } = await renderPanel();
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

  it('lets the visitor retry a message the server refused', async () => {
    const { store, actions } = await renderPanel();
    act(() =>
      store.setPending([{ clientId: 'client_9_000', text: 'x', createdAt: '2025-01-01T12:00:00.000Z', failed: 'RATE_LIMITED' }]),
    );
    expect(messages()[0]).toHaveAttribute('data-status', 'failed');
    expect(messages()[0]).toHaveTextContent('Not sent');
    // Why, and the retry button, are a lazy part: they arrive a moment later.
    fireEvent.click(await screen.findByRole('button', { name: 'Retry' }));
    expect(messages()[0]).toHaveTextContent('Too many messages at once.');
    expect(actions.retry).toHaveBeenCalledWith('client_9_000');
    // Or give up on it: a message that keeps failing need not stay at the end of every later chat.
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    expect(actions.discard).toHaveBeenCalledWith('client_9_000');
  });

  it('says a message refused because the site has just closed is for the offline form', async () => {
    const { store } = await renderPanel();
    act(() =>
      store.setPending([{ clientId: 'client_9_001', text: 'Hello?', createdAt: '2025-01-01T12:00:00.000Z', failed: 'SITE_CLOSED' }]),
    );
    await screen.findByRole('button', { name: 'Retry' });
    expect(messages()[0]).toHaveTextContent("We're closed right now. Please leave us a message instead.");
  });

  it('names the agent answering under the title once they have written', async () => {
    const { store } = await renderPanel();
    expect(screen.getByTestId('header-subtitle')).toHaveTextContent("We'll reply as soon as we can");
    act(() => {
      store.setConversation(aConversation({ status: 'assigned', assignedAgentId: 'agent_0001' }));
      store.receiveMessages([aMessage({ seq: 1 }), aMessage({ seq: 2, author: agentAuthor })], { live: true });
    });
    expect(screen.getByTestId('header-subtitle')).toHaveTextContent("You're chatting with Anna");
  });

  describe('a system line about the chat', () => {
    // The server words it in English in `text` for API readers; the visitor reads it in their language.
    const transfer = aMessage({
      seq: 3,
      author: systemAuthor,
      text: 'Anna transferred the chat to Boris',
      event: { type: 'transferred', from: 'Anna', to: 'Boris' },
    });

    it('says who has taken over, as a line without author, time or receipt, leaving the header to the agents', async () => {
      const { store } = await renderPanel();
      act(() => {
        store.setConversation(aConversation({ status: 'assigned', assignedAgentId: 'agent_0002' }));
        store.receiveMessages([aMessage({ seq: 1 }), aMessage({ seq: 2, author: agentAuthor }), transfer], { live: true });
      });
      const line = messages()[2]!;
      expect(line).toHaveAttribute('data-author', 'system');
      expect(line.textContent).toBe('Boris has taken over your chat');
      expect(line.querySelector('time')).toBeNull();
      expect(screen.queryByText('Anna transferred the chat to Boris')).toBeNull();
      // Boris has not written yet: the visitor has not met him.
      expect(screen.getByTestId('header-subtitle')).toHaveTextContent("We'll reply as soon as we can");
    });

    it('words each kind of event, and keeps showing the text of a system message without one', async () => {
      const { store } = await renderPanel();
      act(() => {
        store.receiveMessages(
          [
            aMessage({
              seq: 1,
              author: systemAuthor,
              text: 'Anna returned the chat to Sales',
              event: { type: 'requeued', from: 'Anna', department: 'Sales' },
            }),
            aMessage({ seq: 2, author: systemAuthor, text: 'Anna invited Carla', event: { type: 'invited', by: 'Anna', agent: 'Carla' } }),
            aMessage({ seq: 3, author: systemAuthor, text: 'Chat started from the pricing page' }),
          ],
          { live: false },
        );
      });
      expect(messages().map((line) => line.querySelector('.message__text')?.textContent)).toEqual([
        'Your chat has been passed to Sales. Someone will be with you shortly.',
        'Carla has joined the chat',
        'Chat started from the pricing page',
      ]);
    });

    it("is worded in the visitor's language", async () => {
      const { store } = await renderPanel({ locale: 'es' });
      act(() => {
        store.receiveMessages([transfer], { live: false });
      });
      expect(messages()[0]!.textContent).toBe('Boris se ha hecho cargo de tu chat');
    });
  });

  it('shows when the agent is typing', async () => {
    const { store } = await renderPanel();
    expect(screen.getByTestId('typing-indicator')).toBeEmptyDOMElement();
    act(() => store.update({ agentTyping: { name: 'Anna' } }));
    expect(screen.getByTestId('typing-indicator')).toHaveTextContent('Anna is typing…');
    act(() => store.update({ agentTyping: { name: null } }));
    expect(screen.getByTestId('typing-indicator')).toHaveTextContent('An agent is typing…');
  });

  it('explains a refused site and disables the composer', async () => {
    const { store } = await renderPanel();
    act(() => store.setConnection('refused', 'SITE_NOT_FOUND'));
    expect(screen.getByRole('alert')).toHaveTextContent('Chat is not available on this site.');
    expect(composer()).toBeDisabled();
    act(() => store.setConnection('refused', 'VALIDATION_FAILED'));
    expect(screen.getByRole('alert')).toHaveTextContent('Something went wrong. Please try again later.');
  });

  it('tells an offline visitor their messages will wait, and keeps the composer usable', async () => {
    const { store } = await renderPanel();
    const onLine = jest.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    act(() => store.setConnection('offline'));
    expect(screen.getByTestId('connection-notice')).toHaveTextContent("You're offline. Your messages will be sent when the connection is back.");
    expect(composer()).toBeEnabled();
    onLine.mockRestore();
  });

  it('does not call a visitor with a working network offline when it is our server that is out of reach', async () => {
    const { store } = await renderPanel();
    act(() => store.setConnection('offline'));
    expect(screen.getByTestId('connection-notice')).toHaveTextContent('Reconnecting to the chat… Your messages will be sent when the connection is back.');
    expect(screen.getByTestId('connection-notice')).not.toHaveTextContent("You're offline");
  });

  it('shows the queue position while waiting and a notice once the chat has ended', async () => {
    const { store } = await renderPanel();
    act(() => {
      store.setConversation(aConversation({ status: 'queued' }));
      store.update({ queuePosition: { conversationId: 'conversation_1', position: 3, estimatedWaitSeconds: 240 } });
    });
    // The queue line is a lazy part: only chats fetch it.
    expect(await screen.findByText(/Your place in the queue: 3/)).toHaveAttribute('data-testid', 'conversation-notice');
    expect(screen.getByTestId('conversation-notice')).toHaveTextContent('4 minutes');
    act(() => store.setConversation(aConversation({ status: 'resolved' })));
    expect(screen.getByTestId('conversation-notice')).not.toHaveTextContent('Your place in the queue');
    expect(await screen.findByText('This chat has ended. Write a message to start a new one.')).toBeInTheDocument();
  });

  it('is laid out right to left in Arabic', async () => {
    const { view } = await renderPanel({ locale: 'ar' });
    const panel = view.container.firstElementChild!;
    expect(panel).toHaveAttribute('dir', 'rtl');
    expect(panel).toHaveAttribute('lang', 'ar');
    expect(screen.getByRole('textbox', { name: 'اكتب رسالتك' })).toBeInTheDocument();
  });

  it('asks the host to close from the header, and has no close button when not framed', async () => {
    const onClose = jest.fn();
    const { view } = await renderPanel({ onClose });
    fireEvent.click(screen.getByRole('button', { name: 'Close chat' }));
    expect(onClose).toHaveBeenCalled();
    view.unmount();
    await renderPanel();
    expect(screen.queryByRole('button', { name: 'Close chat' })).toBeNull();
  });

  it('puts the cursor in the composer when the chat opens', async () => {
    const { store } = await renderPanel();
    expect(composer()).not.toHaveFocus();
    act(() => store.setOpen(true));
    expect(composer()).toHaveFocus();
  });

  it('shows the site title and greeting from its configuration', async () => {
    const { store } = await renderPanel();
    act(() => store.update({ site: aSiteConfig({ widget: { ...aSiteConfig().widget, title: 'Tea help', greeting: 'Ask about tea!' } }) }));
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Tea help');
    expect(screen.getByText('Ask about tea!')).toBeInTheDocument();
  });

  it('closes on Escape, but Escape in the menu only closes the menu', async () => {
    const onClose = jest.fn();
    await renderPanel({ onClose });
    fireEvent.click(screen.getByRole('button', { name: 'Chat options' }));
    const menu = await screen.findByTestId('chat-menu');
    fireEvent.keyDown(within(menu).getAllByRole('button')[0]!, { key: 'Escape' });
    expect(screen.queryByTestId('chat-menu')).toBeNull();
    expect(screen.getByRole('button', { name: 'Chat options' })).toHaveFocus();
    expect(onClose).not.toHaveBeenCalled();
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('turns the sound on and off from the menu', async () => {
    const { store, actions } = await renderPanel();
    fireEvent.click(screen.getByRole('button', { name: 'Chat options' }));
    const toggle = await screen.findByRole('button', { name: /Sound notifications/ });
    expect(toggle).toHaveAttribute('aria-pressed', 'true');
    fireEvent.click(toggle);
    expect(actions.setSound).toHaveBeenCalledWith(false);
    act(() => store.update({ sound: false }));
    expect(screen.getByRole('button', { name: /Sound notifications/ })).toHaveAttribute('aria-pressed', 'false');
  });

  describe('pre-chat form', () => {
    const withRules = (prechat: ReturnType<typeof aSiteConfig>['prechat'], extra = {}) =>
      createChatStore({ connection: 'online', site: aSiteConfig({ prechat, ...extra }) });

    it('is not shown while the site configuration is unknown, nor when every field is off', async () => {
      const { store } = await renderPanel();
      expect(screen.queryByTestId('prechat-form')).toBeNull();
      act(() => store.update({ site: aSiteConfig({ prechat: { name: 'off', email: 'off', department: 'off' } }) }));
      await act(async () => undefined);
      expect(screen.queryByTestId('prechat-form')).toBeNull();
      expect(composer()).toBeEnabled();
    });

    it('asks optional fields without blocking the composer, and can be skipped', async () => {
      const store = withRules({ name: 'optional', email: 'off', department: 'off' });
      await renderPanel({ store });
      const form = await screen.findByTestId('prechat-form');
      expect(within(form).getByLabelText('Your name')).not.toBeRequired();
      expect(within(form).queryByLabelText('Your email')).toBeNull();
      expect(composer()).toBeEnabled();
      fireEvent.click(within(form).getByRole('button', { name: 'Not now' }));
      expect(store.getState().introduced).toBe(true);
      expect(screen.queryByTestId('prechat-form')).toBeNull();
    });

    it('blocks the composer until the required fields are given, then identifies the visitor', async () => {
      const store = withRules({ name: 'required', email: 'optional', department: 'off' });
      const { actions } = await renderPanel({ store });
      const form = await screen.findByTestId('prechat-form');
      expect(within(form).getByText('Before we start, please tell us a little about yourself.')).toBeInTheDocument();
      expect(within(form).getByLabelText('Your name')).toBeRequired();
      expect(within(form).getByLabelText('Your email (optional)')).not.toBeRequired();
      expect(within(form).queryByRole('button', { name: 'Not now' })).toBeNull();
      expect(composer()).toBeDisabled();

      fireEvent.submit(form);
      expect(actions.identify).not.toHaveBeenCalled();
      fireEvent.input(within(form).getByLabelText('Your name'), { target: { value: ' Ada ' } });
      fireEvent.click(within(form).getByRole('button', { name: 'Start chat' }));
      expect(actions.identify).toHaveBeenCalledWith({ name: 'Ada', email: undefined });
      act(() => store.setIntroduced('Ada'));
      expect(screen.queryByTestId('prechat-form')).toBeNull();
      expect(composer()).toBeEnabled();
    });

    it('refuses an e-mail the server would refuse (no dot after the @) in the field, keeping the name', async () => {
      const store = withRules({ name: 'required', email: 'optional', department: 'off' });
      const { actions } = await renderPanel({ store });
      const form = await screen.findByTestId('prechat-form');
      fireEvent.input(within(form).getByLabelText('Your name'), { target: { value: 'Ada' } });
      fireEvent.input(within(form).getByLabelText('Your email (optional)'), { target: { value: 'ada@bad' } });
      fireEvent.click(within(form).getByRole('button', { name: 'Start chat' }));
      expect(within(form).getByRole('alert')).toHaveTextContent('Enter a valid email address');
      expect(within(form).getByLabelText('Your email (optional)')).toHaveAttribute('aria-invalid', 'true');
      expect(actions.identify).not.toHaveBeenCalled();

      fireEvent.input(within(form).getByLabelText('Your email (optional)'), { target: { value: 'ada@bad.test' } });
      expect(within(form).queryByRole('alert')).toBeNull();
      fireEvent.click(within(form).getByRole('button', { name: 'Start chat' }));
      expect(actions.identify).toHaveBeenCalledWith({ name: 'Ada', email: 'ada@bad.test' });
    });

    it('keeps the chosen department for the first message', async () => {
      const store = withRules(
        { name: 'off', email: 'off', department: 'required' },
        { departments: [{ id: 'dept_sales', name: 'Sales' }, { id: 'dept_support', name: 'Support' }] },
      );
      await renderPanel({ store });
      const form = await screen.findByTestId('prechat-form');
      const select = within(form).getByLabelText('Department');
      expect(within(select).getAllByRole('option').map((option) => option.textContent)).toEqual([
        'Choose a department…',
        'Sales',
        'Support',
      ]);
      fireEvent.input(select, { target: { value: 'dept_support' } });
      fireEvent.submit(form);
      expect(store.getState()).toMatchObject({ departmentId: 'dept_support', introduced: true });
      expect(screen.queryByTestId('prechat-form')).toBeNull();
    });

    it('after identify() from the host page, asks only a required department', async () => {
      const store = withRules(
        { name: 'required', email: 'required', department: 'required' },
        { departments: [{ id: 'dept_sales', name: 'Sales' }] },
      );
      store.setIntroduced('Ada');
      await renderPanel({ store });
      const form = await screen.findByTestId('prechat-form');
      expect(within(form).queryByLabelText('Your name')).toBeNull();
      expect(within(form).getByLabelText('Department')).toBeRequired();

      act(() => store.update({ site: aSiteConfig({ prechat: { name: 'required', email: 'required', department: 'optional' } }) }));
      expect(screen.queryByTestId('prechat-form')).toBeNull();
    });

    it('is not shown once there are messages', async () => {
      const store = withRules({ name: 'required', email: 'off', department: 'off' });
      store.receiveMessages([aMessage({ seq: 1 })], { live: false });
      await renderPanel({ store });
      await act(async () => undefined);
      expect(screen.queryByTestId('prechat-form')).toBeNull();
      expect(composer()).toBeEnabled();
    });
  });

  describe('offline', () => {
    it('offers the offline form instead of the composer when nobody is online', async () => {
      const store = createChatStore({ connection: 'online', site: aSiteConfig(), availability: { agentsOnline: false, openNow: true } });
      await renderPanel({ store });
      const form = await screen.findByTestId('offline-form');
      expect(screen.queryByRole('textbox', { name: 'Type your message' })).toBeNull();
      // Said once, in the header, not again in the form below it.
      expect(screen.getByRole('banner')).toHaveTextContent('No one is available right now.');
      expect(form).not.toHaveTextContent('No one is available');
    });

    it('says when it is out of opening hours', async () => {
      const store = createChatStore({ connection: 'online', site: aSiteConfig(), availability: { agentsOnline: true, openNow: false } });
      await renderPanel({ store });
      const form = await screen.findByTestId('offline-form');
      expect(screen.getByRole('banner')).toHaveTextContent("We're closed right now.");
      expect(form).not.toHaveTextContent('closed');
      expect(screen.getAllByText(/closed right now/)).toHaveLength(1);
    });

    it('an open panel switches to the offline form when the site closes, keeps it through the same news again, and opens up again', async () => {
      const store = createChatStore({ connection: 'online', site: aSiteConfig(), availability: { agentsOnline: true, openNow: true } });
      await renderPanel({ store });
      expect(composer()).toBeEnabled();

      // What `site:availability` does: opening hours saved, or closing time passed.
      act(() => store.update({ availability: { agentsOnline: true, openNow: false } }));
      const form = await screen.findByTestId('offline-form');
      expect(screen.queryByRole('textbox', { name: 'Type your message' })).toBeNull();
      expect(screen.getByRole('banner')).toHaveTextContent("We're closed right now.");
      const name = within(form).getByRole('textbox', { name: /name/i });
      fireEvent.input(name, { target: { value: 'Ana' } });

      // Every server process may announce the same closing: the visitor's half-filled form stays.
      act(() => store.update({ availability: { agentsOnline: true, openNow: false } }));
      expect(screen.getByTestId('offline-form')).toBe(form);
      expect(name).toHaveValue('Ana');

      act(() => store.update({ availability: { agentsOnline: true, openNow: true } }));
      await waitFor(() => expect(screen.queryByTestId('offline-form')).toBeNull());
      expect(composer()).toBeEnabled();
    });

    it('keeps a chat that is already going, whoever went offline since', async () => {
      const store = createChatStore({ connection: 'online', availability: { agentsOnline: false, openNow: false } });
      store.setConversation(aConversation({ status: 'assigned' }));
      await renderPanel({ store });
      expect(composer()).toBeEnabled();
      expect(screen.queryByTestId('offline-form')).toBeNull();
    });
  });

  describe('after the chat', () => {
    it('ends the chat from the menu after a confirmation, then offers the rating', async () => {
      const store = createChatStore({ connection: 'online' });
      store.setConversation(aConversation({ status: 'assigned' }));
      const actions = fakeActions({ 'conversation:end': () => ({ ok: true, data: { ticket: null } }) });
      await renderWithI18n(<PanelApp store={store} actions={actions} />);

      fireEvent.click(screen.getByRole('button', { name: 'Chat options' }));
      fireEvent.click(await screen.findByRole('button', { name: 'End chat' }));
      const confirm = await screen.findByRole('alertdialog', { name: 'End this chat?' });
      fireEvent.click(within(confirm).getByRole('button', { name: 'Keep chatting' }));
      expect(screen.queryByRole('alertdialog')).toBeNull();
      expect(actions.ask).not.toHaveBeenCalled();

      fireEvent.click(screen.getByRole('button', { name: 'Chat options' }));
      fireEvent.click(await screen.findByRole('button', { name: 'End chat' }));
      fireEvent.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'End chat' }));
      await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
      expect(actions.ask).toHaveBeenCalledWith('conversation:end', {});

      act(() => store.setConversation(aConversation({ status: 'resolved', rating: null })));
      expect(await screen.findByRole('group', { name: 'How was this chat?' })).toBeInTheDocument();
      fireEvent.click(screen.getByRole('button', { name: 'Chat options' }));
      expect(await screen.findByRole('button', { name: /Sound notifications/ })).toBeInTheDocument();
      expect(screen.queryByRole('button', { name: 'End chat' })).toBeNull();
    });

    it('with nobody left online, offers the rating, then the offline form, without "write a message" over a missing composer', async () => {
      const store = createChatStore({ connection: 'online', site: aSiteConfig(), availability: { agentsOnline: false, openNow: true } });
      store.setConversation(aConversation({ status: 'resolved', rating: null }));
      await renderPanel({ store });
      const rating = await screen.findByRole('group', { name: 'How was this chat?' });
      const form = await screen.findByTestId('offline-form');
      expect(rating.compareDocumentPosition(form) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
      expect(screen.queryByRole('textbox', { name: 'Type your message' })).toBeNull();
      await act(async () => undefined);
      expect(screen.queryByText('This chat has ended. Write a message to start a new one.')).toBeNull();
    });

    it('tells the visitor which request an unanswered chat became', async () => {
      const store = createChatStore({ connection: 'online', email: 'ada@example.test' });
      store.setConversation(aConversation({ id: 'conversation_9', status: 'resolved', ticketId: 'ticket_1' }));
      store.update({ ticket: { conversationId: 'conversation_9', ticketNumber: 1042, emailOnFile: true } });
      await renderPanel({ store });
      const notice = await screen.findByTestId('ticket-notice');
      expect(notice).toHaveTextContent("We've turned this chat into request #1042. We'll answer by email.");
      expect(within(notice).queryByRole('textbox')).toBeNull();
      expect(screen.queryByRole('group', { name: 'How was this chat?' })).toBeNull();
    });

    it('shows the request number once ticket:created brings it, still asking for an e-mail when none is on file', async () => {
      const store = createChatStore({ connection: 'online' });
      await renderPanel({ store });
      act(() => store.setConversation(aConversation({ status: 'resolved', ticketId: 'ticket_1' })));
      const notice = await screen.findByTestId('ticket-notice');
      expect(notice).toHaveTextContent("We've turned this chat into a request.");
      act(() => store.update({ ticket: { conversationId: 'conversation_1', ticketNumber: 77, emailOnFile: false } }));
      expect(notice).toHaveTextContent("We've turned this chat into request #77. We'll answer by email.");
      expect(within(notice).getByRole('textbox', { name: 'Your email, so we can answer' })).toBeInTheDocument();
    });

    it('asks where to write when a wait timed out into a request and no e-mail is known', async () => {
      const store = createChatStore({ connection: 'online' });
      const { actions } = await renderPanel({ store });
      act(() => store.setConversation(aConversation({ status: 'resolved', ticketId: 'ticket_1' })));
      const notice = await screen.findByTestId('ticket-notice');
      expect(notice).toHaveTextContent("We've turned this chat into a request. We'll answer by email.");
      fireEvent.input(within(notice).getByLabelText('Your email, so we can answer'), { target: { value: 'ada@example.test' } });
      fireEvent.click(within(notice).getByRole('button', { name: 'Save' }));
      expect(actions.identify).toHaveBeenCalledWith({ email: 'ada@example.test' });
      await waitFor(() => expect(within(notice).getAllByRole('status').at(-1)).toHaveTextContent("Thanks! We'll write to ada@example.test."));
    });
  });

  it('shows the contact card from the menu and goes back to the chat', async () => {
    const store = createChatStore({
      connection: 'online',
      site: aSiteConfig({ contact: { phone: '+375 17 000-00-00', email: 'help@tea.example', hoursNote: '' } }),
    });
    await renderPanel({ store });
    act(() => store.setOpen(true));
    fireEvent.click(screen.getByRole('button', { name: 'Chat options' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Contact details' }));
    const card = await screen.findByTestId('contact-card');
    await waitFor(() => expect(within(card).getByRole('heading', { name: 'Contact us' })).toHaveFocus());
    expect(within(card).getByRole('link', { name: '+375 17 000-00-00' })).toHaveAttribute('href', 'tel:+375170000000');
    expect(screen.queryByRole('textbox', { name: 'Type your message' })).toBeNull();
    fireEvent.click(within(card).getByRole('button', { name: 'Back to chat' }));
    expect(composer()).toHaveFocus();
  });

  it('has no contact entry when the site has no contact details', async () => {
    await renderPanel({ store: createChatStore({ site: aSiteConfig() }) });
    fireEvent.click(screen.getByRole('button', { name: 'Chat options' }));
    await screen.findByTestId('chat-menu');
    expect(screen.queryByRole('button', { name: 'Contact details' })).toBeNull();
  });

  it('puts an emoji where the caret is', async () => {
    const { actions } = await renderPanel();
    fireEvent.input(composer(), { target: { value: 'Thanks !' } });
    (composer() as HTMLTextAreaElement).setSelectionRange(7, 7);
    fireEvent.click(screen.getByRole('button', { name: 'Insert emoji' }));
    expect(screen.getByRole('button', { name: 'Insert emoji' })).toHaveAttribute('aria-expanded', 'true');
    const picker = await screen.findByRole('dialog', { name: 'Emoji' });
    fireEvent.click(within(picker).getByRole('button', { name: '👍' }));
    expect(composer()).toHaveValue('Thanks 👍!');
    expect(screen.queryByRole('dialog', { name: 'Emoji' })).toBeNull();
    expect(actions.setTyping).toHaveBeenLastCalledWith(true);
  });
});

test('over the message limit, the visitor sees why their messages still say "Sending…", and for how long', async () => {
  const { store } = await renderPanel({ store: createChatStore({ connection: 'online', conversation: aConversation({ status: 'assigned' }) }) });
  act(() => {
    store.setPending([{ clientId: 'client_31_000', text: 'message 31', createdAt: new Date().toISOString() }]);
    store.update({ sendingHeldUntil: Date.now() + 55_000 });
  });
  expect(within(messages()[0]!).getByTestId('message-status')).toHaveTextContent('Sending…');
  expect(await screen.findByTestId('sending-held')).toHaveTextContent(/You're sending messages too fast\. We'll send yours in 5[45] seconds\./);

  act(() => store.update({ sendingHeldUntil: null }));
  expect(screen.queryByTestId('sending-held')).toBeNull();
});
