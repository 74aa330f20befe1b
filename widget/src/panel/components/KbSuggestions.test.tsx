import type { KbPublicArticleSummary, KbSuggestions as Suggestions } from '@parley/shared';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { createRef } from 'preact';
import { aConversation } from '../../test-support/message-factory';
import { fakeActions, renderWithI18n } from '../../test-support/render-with-i18n';
import { createChatStore } from '../chat-store';
import type { WidgetLocale } from '../i18n';
import { articleDocument } from './KbArticle';
import { KbSuggestions } from './KbSuggestions';

const article = (id: string, title: string): KbPublicArticleSummary => ({
  id,
  language: 'en',
  slug: id,
  title,
  summary: `About ${title.toLowerCase()}`,
  url: `https://acme.example/help/${id}`,
});
const refunds = article('kb_refunds', 'Refunds');
const shipping = article('kb_shipping', 'Shipping times');
const returns = article('kb_returns', 'Returns');
const damaged = article('kb_damaged', 'Damaged parcels');

interface SetupOptions {
  suggestions?: Suggestions;
  locale?: WidgetLocale;
  inChat?: boolean;
  /** Answers kb:suggest when the test says (by default at once). */
  suggest?: () => Promise<Suggestions>;
}

async function setup(options: SetupOptions = {}) {
  const store = createChatStore({ connection: 'online', open: true });
  if (options.inChat) store.setConversation(aConversation({ status: 'assigned' }));
  const suggestions = options.suggestions ?? { articles: [shipping, refunds, returns, damaged], bestMatch: refunds };
  const actions = fakeActions({
    'kb:suggest': async () => ({ ok: true, data: options.suggest ? await options.suggest() : suggestions }),
    'kb:article': ({ articleId }: { articleId: string }) => ({
      ok: true,
      data: { ...refunds, id: articleId, html: '<p>Refunds take <strong>5 days</strong>.</p>', updatedAt: '', translations: [] },
    }),
    'kb:vote': () => ({ ok: true, data: { recorded: true } }),
    'kb:deflection': () => ({ ok: true, data: { recorded: true } }),
  });
  const input = createRef<HTMLTextAreaElement>();
  // Stands for the composer: its own handlers send on Enter and on submit.
  const form = document.createElement('form');
  const textarea = document.createElement('textarea');
  form.append(textarea);
  document.body.append(form);
  input.current = textarea;
  const sent: string[] = [];
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    sent.push(textarea.value);
  });
  textarea.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey) sent.push(textarea.value);
  });
  await renderWithI18n(<KbSuggestions input={input} store={store} actions={actions} />, options.locale);
  const type = (text: string): void => {
    fireEvent.input(textarea, { target: { value: text } });
  };
  // As the composer sends: the message waits in the outbox, the text box empties (no input event).
  const send = (): void =>
    void act(() => {
      store.setPending([{ clientId: `c_${sent.length}`, text: textarea.value, createdAt: new Date().toISOString() }]);
      textarea.value = '';
    });
  return { store, actions, textarea, type, send, sent, form };
}

afterEach(() => document.querySelectorAll('body > form').forEach((element) => element.remove()));

describe('KbSuggestions', () => {
  it('offers up to three articles for what the visitor types, the best match first before the first message', async () => {
    const { actions, type } = await setup();
    type('re');
    await act(() => new Promise((resolve) => setTimeout(resolve, 350)));
    expect(actions.ask).not.toHaveBeenCalled();

    type('refund please');
    const list = await screen.findByTestId('kb-suggestions', {}, { timeout: 1000 });
    expect(actions.ask).toHaveBeenCalledWith('kb:suggest', { text: 'refund please' });
    expect(list).toHaveTextContent('This article may answer your question:');
    const titles = within(list)
      .getAllByRole('button', { name: /About/ })
      .map((button) => button.querySelector('.kb__title')?.textContent);
    expect(titles).toEqual(['Refunds', 'Shipping times', 'Returns']);
  });

  it('in a chat already going, lists the suggestions in the server order, with no best-match offer', async () => {
    const { type } = await setup({ inChat: true });
    type('shipping');
    const list = await screen.findByTestId('kb-suggestions', {}, { timeout: 1000 });
    expect(list).toHaveTextContent('Suggested articles');
    expect(within(list).getAllByRole('listitem').map((item) => item.querySelector('.kb__title')?.textContent)).toEqual([
      'Shipping times',
      'Refunds',
      'Returns',
    ]);
  });

  it('opens an article in a sandboxed frame, takes a vote and a "solved", then clears the composer', async () => {
    const { actions, type, textarea } = await setup();
    type('refund please');
    fireEvent.click(await screen.findByRole('button', { name: /Refunds/ }, { timeout: 1000 }));
    const dialog = await screen.findByRole('dialog', { name: 'Refunds' });
    const frame = await within(dialog).findByTitle('Refunds');
    expect(actions.ask).toHaveBeenCalledWith('kb:article', { articleId: 'kb_refunds' });
    // No scripts, no same origin: the article cannot touch the panel.
    expect(frame.getAttribute('sandbox')).toBe('allow-popups allow-popups-to-escape-sandbox');
    expect(frame.getAttribute('srcdoc')).toContain('<p>Refunds take <strong>5 days</strong>.</p>');

    fireEvent.click(within(dialog).getByRole('button', { name: 'Yes' }));
    expect(actions.ask).toHaveBeenCalledWith('kb:vote', { articleId: 'kb_refunds', helpful: true });
    expect(within(dialog).getByRole('status')).toHaveTextContent('Thanks for your feedback!');

    fireEvent.click(within(dialog).getByRole('button', { name: 'This solved it' }));
    expect(actions.ask).toHaveBeenCalledWith('kb:deflection', { articleId: 'kb_refunds', outcome: 'solved' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(textarea).toHaveValue('');
    expect(screen.getByRole('status')).toHaveTextContent('Glad that helped!');
  });

  it('"Talk to a person" goes back to the composer with the text kept', async () => {
    const { actions, type, textarea } = await setup();
    type('refund please');
    fireEvent.click(await screen.findByRole('button', { name: /Refunds/ }, { timeout: 1000 }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Talk to a person' }));
    expect(actions.ask).toHaveBeenCalledWith('kb:deflection', { articleId: 'kb_refunds', outcome: 'human' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(textarea).toHaveValue('refund please');
    expect(textarea).toHaveFocus();
  });

  it('Escape closes the article only, and marks the key as taken', async () => {
    const { type } = await setup();
    type('refund please');
    fireEvent.click(await screen.findByRole('button', { name: /Refunds/ }, { timeout: 1000 }));
    const dialog = await screen.findByRole('dialog');
    const escape = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true });
    dialog.dispatchEvent(escape);
    expect(escape.defaultPrevented).toBe(true);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByTestId('kb-suggestions')).toBeInTheDocument();
  });

  it('keeps Tab inside the open article: from its last button back to its first, and Shift+Tab the other way', async () => {
    const { type } = await setup();
    type('refund please');
    fireEvent.click(await screen.findByRole('button', { name: /Refunds/ }, { timeout: 1000 }));
    const dialog = await screen.findByRole('dialog', { name: 'Refunds' });
    await within(dialog).findByTitle('Refunds');
    const back = within(dialog).getByRole('button', { name: 'Back to chat' });
    const last = within(dialog).getByRole('button', { name: 'Talk to a person' });
    expect(back).toHaveFocus();

    fireEvent.keyDown(back, { key: 'Tab', shiftKey: true });
    expect(last).toHaveFocus();
    fireEvent.keyDown(last, { key: 'Tab' });
    expect(back).toHaveFocus();
    // In between, Tab is the browser's own.
    const yes = within(dialog).getByRole('button', { name: 'Yes' });
    yes.focus();
    expect(fireEvent.keyDown(yes, { key: 'Tab' })).toBe(true);
    expect(yes).toHaveFocus();
  });

  it('"Hide suggestions" puts the visitor back in the message box, not on the page', async () => {
    const { type, textarea } = await setup();
    type('refund please');
    const hide = await screen.findByRole('button', { name: 'Hide suggestions' }, { timeout: 1000 });
    hide.focus();
    fireEvent.click(hide);
    expect(screen.queryByTestId('kb-suggestions')).toBeNull();
    expect(textarea).toHaveFocus();
  });

  it('says politely that articles have come, in a status line that was already there (empty) while nothing was suggested', async () => {
    const { type } = await setup({ inChat: true });
    const announcement = screen.getByRole('status');
    expect(announcement).toBeEmptyDOMElement();
    type('shipping');
    await screen.findByTestId('kb-suggestions', {}, { timeout: 1000 });
    expect(screen.getByRole('status')).toBe(announcement);
    expect(announcement).toHaveTextContent('Suggested articles');
  });

  it('holds back a first message once to offer the best match; "Send anyway" sends it', async () => {
    const { type, textarea, sent, form } = await setup();
    type('refund please');
    await screen.findByTestId('kb-suggestions', {}, { timeout: 1000 });
    fireEvent.keyDown(textarea, { key: 'Enter' });
    expect(sent).toEqual([]);
    const offer = await screen.findByTestId('kb-offer');
    expect(within(offer).getByRole('status')).toHaveTextContent('Before you send it: this article may answer your question.');
    expect(within(offer).getByRole('button', { name: /Refunds/ })).toBeInTheDocument();

    fireEvent.click(within(offer).getByRole('button', { name: 'Send anyway' }));
    expect(sent).toEqual(['refund please']);
    // Offered once: the next press goes straight through.
    fireEvent.submit(form);
    expect(sent).toEqual(['refund please', 'refund please']);
  });

  it('sends the held-back message when the visitor reads the offer and asks for a person', async () => {
    const { actions, type, textarea, sent } = await setup();
    type('refund please');
    await screen.findByTestId('kb-suggestions', {}, { timeout: 1000 });
    fireEvent.keyDown(textarea, { key: 'Enter' });
    fireEvent.click(within(await screen.findByTestId('kb-offer')).getByRole('button', { name: /Refunds/ }));
    fireEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Talk to a person' }));
    expect(actions.ask).toHaveBeenCalledWith('kb:deflection', { articleId: 'kb_refunds', outcome: 'human' });
    expect(sent).toEqual(['refund please']);
  });

  it('does not hold back messages in a chat already going', async () => {
    const { type, textarea, sent } = await setup({ inChat: true });
    type('refund please');
    await screen.findByTestId('kb-suggestions', {}, { timeout: 1000 });
    fireEvent.keyDown(textarea, { key: 'Enter' });
    expect(sent).toEqual(['refund please']);
    expect(screen.queryByTestId('kb-offer')).toBeNull();
  });

  it('in a chat, shows nothing over a message sent before its suggestions came', async () => {
    let answer: (value: Suggestions) => void = () => undefined;
    const { actions, type, send } = await setup({
      inChat: true,
      suggest: () => new Promise((resolve) => (answer = resolve)),
    });
    type('when will my tea delivery arrive');
    await waitFor(() => expect(actions.ask).toHaveBeenCalledWith('kb:suggest', { text: 'when will my tea delivery arrive' }));
    send();
    await act(async () => answer({ articles: [shipping, refunds], bestMatch: null }));
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(screen.queryByTestId('kb-suggestions')).toBeNull();
  });

  it('asks nothing for a message typed and sent within the pause', async () => {
    const { actions, type, send } = await setup({ inChat: true });
    type('when will my tea delivery arrive');
    send();
    await act(() => new Promise((resolve) => setTimeout(resolve, 400)));
    expect(actions.ask).not.toHaveBeenCalled();
    expect(screen.queryByTestId('kb-suggestions')).toBeNull();
  });

  it('does not hold back the first message after the visitor asked for a person from a suggested article', async () => {
    const { type, textarea, sent } = await setup();
    type('how do I brew green tea');
    const list = await screen.findByTestId('kb-suggestions', {}, { timeout: 1000 });
    fireEvent.click(within(list).getByRole('button', { name: /Refunds/ }));
    fireEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Talk to a person' }));
    type('how do I brew green tea, water temperature?');
    await act(() => new Promise((resolve) => setTimeout(resolve, 350)));
    await screen.findByTestId('kb-suggestions');
    fireEvent.keyDown(textarea, { key: 'Enter' });
    expect(sent).toEqual(['how do I brew green tea, water temperature?']);
    expect(screen.queryByTestId('kb-offer')).toBeNull();
  });

  it('does not hold back the first message for the best match the visitor has already read', async () => {
    const { type, textarea, sent } = await setup();
    type('refund please');
    fireEvent.click(await screen.findByRole('button', { name: /Refunds/ }, { timeout: 1000 }));
    fireEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Back to chat' }));
    await screen.findByTestId('kb-suggestions');
    fireEvent.keyDown(textarea, { key: 'Enter' });
    expect(sent).toEqual(['refund please']);
    expect(screen.queryByTestId('kb-offer')).toBeNull();
  });

  it('speaks the visitor language', async () => {
    const { type } = await setup({ locale: 'de' });
    type('Rückerstattung');
    expect(await screen.findByTestId('kb-suggestions', {}, { timeout: 1000 })).toHaveTextContent(
      'Dieser Artikel beantwortet vielleicht Ihre Frage:',
    );
  });
});

describe('articleDocument', () => {
  it('opens links in a new tab and puts the article after our own head', () => {
    const doc = articleDocument('<p>hi</p>');
    expect(doc).toContain('<base target="_blank">');
    expect(doc.endsWith('<p>hi</p>')).toBe(true);
  });
});
