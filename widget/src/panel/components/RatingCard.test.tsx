import { act, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { aConversation } from '../../test-support/message-factory';
import { fakeActions, renderWithI18n } from '../../test-support/render-with-i18n';
import { createChatStore } from '../chat-store';
import { useChatState } from '../use-chat-state';
import { RatingCard } from './RatingCard';

async function renderCard(rating: number | null, answers = {}, email: string | null = null) {
  const store = createChatStore();
  const actions = fakeActions(answers);
  const view = await renderWithI18n(<RatingCard conversation={{ rating }} email={email} store={store} actions={actions} />);
  return { store, actions, view };
}

describe('RatingCard', () => {
  it('offers five labelled stars, then a comment, and rates the chat', async () => {
    const rated = aConversation({ status: 'resolved', rating: 4, ratingComment: 'Quick' });
    const { store, actions } = await renderCard(null, { 'conversation:rate': () => ({ ok: true, data: rated }) });
    const stars = within(screen.getByRole('group', { name: 'How was this chat?' })).getAllByRole('radio');
    expect(stars.map((star) => star.getAttribute('value'))).toEqual(['1', '2', '3', '4', '5']);
    expect(screen.getByRole('radio', { name: '4 out of 5' })).not.toBeChecked();
    expect(screen.queryByLabelText('Anything to add? (optional)')).toBeNull();

    fireEvent.click(screen.getByRole('radio', { name: '4 out of 5' }));
    expect(screen.getByRole('radio', { name: '4 out of 5' })).toBeChecked();
    fireEvent.input(screen.getByLabelText('Anything to add? (optional)'), { target: { value: ' Quick ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send rating' }));
    await waitFor(() => expect(store.getState().conversation).toEqual(rated));
    expect(actions.ask).toHaveBeenCalledWith('conversation:rate', { score: 4, comment: 'Quick' });
  });

  it('puts the focus on the thanks once the rating is sent (the button pressed is gone), not on the page', async () => {
    const store = createChatStore({ open: true });
    const rated = aConversation({ status: 'resolved', rating: 5 });
    const actions = fakeActions({ 'conversation:rate': () => ({ ok: true, data: rated }) });
    function Card() {
      const { conversation } = useChatState(store);
      return <RatingCard conversation={conversation ?? { rating: null }} email={null} store={store} actions={actions} />;
    }
    await renderWithI18n(<Card />);
    fireEvent.click(screen.getByRole('radio', { name: '5 out of 5' }));
    const send = screen.getByRole('button', { name: 'Send rating' });
    send.focus();
    fireEvent.click(send);
    await waitFor(() => expect(screen.getByText('Thanks for your feedback!')).toHaveFocus());
  });

  it('leaves the focus alone when the chat was rated before (a reload)', async () => {
    await renderCard(4);
    expect(screen.getByText('Thanks for your feedback!')).not.toHaveFocus();
  });

  it('sends a rating without a comment as just the score, and says when it failed', async () => {
    const { actions } = await renderCard(null);
    fireEvent.click(screen.getByRole('radio', { name: '2 out of 5' }));
    fireEvent.click(screen.getByRole('button', { name: 'Send rating' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Something went wrong.');
    expect(actions.ask).toHaveBeenCalledWith('conversation:rate', { score: 2 });
  });

  it('thanks the visitor once rated, and e-mails the transcript to the address they give', async () => {
    const { store, actions } = await renderCard(5, { 'conversation:transcript': () => ({ ok: true, data: { queued: true } }) }, 'ada@example.test');
    expect(screen.getByRole('status')).toHaveTextContent('Thanks for your feedback!');
    expect(screen.queryByRole('group')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Email me the transcript' }));
    const email = screen.getByLabelText('Your email');
    expect(email).toHaveValue('ada@example.test');
    await waitFor(() => expect(email).toHaveFocus());
    fireEvent.input(email, { target: { value: 'ada.l@example.test' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(screen.getAllByRole('status').at(-1)).toHaveTextContent('The transcript is on its way to ada.l@example.test.'));
    expect(actions.ask).toHaveBeenCalledWith('conversation:transcript', { email: 'ada.l@example.test' });
    expect(store.getState().email).toBe('ada.l@example.test');
  });

  it('says the address is not valid, before sending, when the server would refuse it, or when it does', async () => {
    const refusal = { code: 'VALIDATION_FAILED', message: 'email: Invalid email address', issues: [{ path: 'email', message: 'Invalid email address' }] };
    const { actions } = await renderCard(5, { 'conversation:transcript': () => ({ ok: false, error: refusal }) });
    fireEvent.click(screen.getByRole('button', { name: 'Email me the transcript' }));
    fireEvent.input(screen.getByLabelText('Your email'), { target: { value: 'carol@bad' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Enter a valid email address');
    expect(screen.getByLabelText('Your email')).toHaveAttribute('aria-invalid', 'true');
    expect(actions.ask).not.toHaveBeenCalled();

    fireEvent.input(screen.getByLabelText('Your email'), { target: { value: 'carol@example.test' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(actions.ask).toHaveBeenCalledWith('conversation:transcript', { email: 'carol@example.test' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Enter a valid email address');
    expect(screen.queryByText(/Something went wrong/)).toBeNull();
  });
});

describe('RatingCard in a long conversation', () => {
  // jsdom has no layout: the list shows y 0–300; the card sits at `cardTop` and is `cardHeight` tall.
  let cardTop = 200;
  let cardHeight = 90;
  const observers = new Set<() => void>();
  const resize = () => act(() => observers.forEach((report) => report()));
  beforeAll(() => {
    globalThis.ResizeObserver = class {
      private readonly report: () => void;
      constructor(callback: ResizeObserverCallback) {
        this.report = () => callback([], this as unknown as ResizeObserver);
      }
      observe(): void {
        observers.add(this.report);
      }
      unobserve(): void {}
      disconnect(): void {
        observers.delete(this.report);
      }
    };
    jest.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (this: HTMLElement) {
      return (this.dataset.testid === 'after-chat' ? { top: cardTop, bottom: cardTop + cardHeight } : { top: 0, bottom: 300 }) as DOMRect;
    });
  });
  afterAll(() => {
    delete (globalThis as { ResizeObserver?: unknown }).ResizeObserver;
    jest.restoreAllMocks();
  });

  it('scrolls into view when the chat ends, and again when it grows past the end of the list (a star opens the comment)', async () => {
    const scrolled: Element[] = [];
    HTMLElement.prototype.scrollIntoView = function (this: HTMLElement) {
      scrolled.push(this);
      // The list scrolls so that the card's end meets its own.
      cardTop = Math.min(cardTop, 300 - cardHeight);
    };
    await act(async () => {
      await renderWithI18n(
        <div>
          <RatingCard conversation={{ rating: null }} email={null} store={createChatStore()} actions={fakeActions()} />
        </div>,
      );
    });
    const card = screen.getByTestId('after-chat');
    expect(scrolled).toEqual([card]);

    // "This chat has ended…" appears below: the list is no taller, the card is all in view; nothing moves.
    resize();
    expect(scrolled).toHaveLength(1);

    fireEvent.click(screen.getByRole('radio', { name: '4 out of 5' }));
    cardHeight = 240;
    resize();
    expect(scrolled).toEqual([card, card]);
    expect(cardTop + cardHeight).toBeLessThanOrEqual(300);

    // A phone's keyboard opens over the comment being written: the comment stays in view, after the card.
    const comment = screen.getByLabelText('Anything to add? (optional)');
    comment.focus();
    cardHeight = 400;
    resize();
    expect(scrolled.slice(2)).toEqual([card, comment]);
  });
});

