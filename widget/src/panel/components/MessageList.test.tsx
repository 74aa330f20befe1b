import { withoutBelarusianIntlData } from '@parley/shared/test-support/intl-without-belarusian';
import { act, screen } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { fakeActions, renderWithI18n } from '../../test-support/render-with-i18n';
import type { TimelineEntry } from '../timeline-entries';
import { MessageList } from './MessageList';

const entries: TimelineEntry[] = [1, 2, 3].map((n) => ({
  key: `message_${n}`,
  author: 'agent',
  authorName: 'Anna',
  text: `message ${n}`,
  createdAt: new Date(Date.UTC(2025, 0, 1, 12, 0, n)).toISOString(),
  clientId: `client_${n}_000`,
}));

// jsdom has no layout: the list is 900px tall in a 300px box while the frame shows, and has no size while it is hidden.
let frameShown = false;
let boxHeight = 300;
const scrolled = new WeakMap<Element, number>();
const maxScroll = () => (frameShown ? 900 - boxHeight : 0);
beforeAll(() => {
  Object.defineProperties(HTMLElement.prototype, {
    scrollHeight: { configurable: true, get: () => (frameShown ? 900 : 0) },
    clientHeight: { configurable: true, get: () => (frameShown ? boxHeight : 0) },
    scrollTop: {
      configurable: true,
      get(this: Element) {
        return scrolled.get(this) ?? 0;
      },
      set(this: Element, value: number) {
        scrolled.set(this, Math.max(0, Math.min(value, maxScroll())));
      },
    },
  });
});
afterAll(() => {
  for (const name of ['scrollHeight', 'clientHeight', 'scrollTop']) delete (HTMLElement.prototype as unknown as Record<string, unknown>)[name];
});

// The panel as the store drives it: closed while the history loads, then opened from the bubble.
let openChat: () => void = () => undefined;
function ChatPanel() {
  const [open, setOpen] = useState(false);
  openChat = () => setOpen(true);
  return <MessageList entries={entries} greeting="" actions={fakeActions()} open={open} />;
}

describe('MessageList', () => {
  it('opens at the newest message when the history arrived while the chat was closed (after a reload)', async () => {
    frameShown = false;
    await renderWithI18n(<ChatPanel />);
    const scroller = screen.getByRole('list', { name: 'Messages' }).parentElement as HTMLElement;
    expect(scroller.scrollTop).toBe(0);

    frameShown = true;
    act(() => openChat());
    expect(scroller.scrollTop).toBe(600);
  });

  it('keeps the newest message in view when the list shrinks under something opened below it (suggestions)', async () => {
    // jsdom has no ResizeObserver: this one reports when the test says the box changed size.
    const resized: (() => void)[] = [];
    const original = globalThis.ResizeObserver;
    globalThis.ResizeObserver = class {
      constructor(private readonly callback: () => void) {}
      observe(): void {
        resized.push(this.callback);
      }
      unobserve(): void {}
      disconnect(): void {}
    } as unknown as typeof ResizeObserver;
    try {
      frameShown = true;
      boxHeight = 300;
      await renderWithI18n(<MessageList entries={entries} greeting="" actions={fakeActions()} open />);
      const scroller = screen.getByRole('list', { name: 'Messages' }).parentElement as HTMLElement;
      expect(scroller.scrollTop).toBe(600);

      boxHeight = 180;
      act(() => resized.forEach((callback) => callback()));
      expect(scroller.scrollTop).toBe(720);
    } finally {
      globalThis.ResizeObserver = original;
      boxHeight = 300;
    }
  });
});

describe('MessageList with a field in focus while the box shrinks (a phone keyboard opening)', () => {
  it('keeps the focused field of the pre-chat form in view instead of jumping to the newest message', async () => {
    const resized: (() => void)[] = [];
    const original = globalThis.ResizeObserver;
    globalThis.ResizeObserver = class {
      constructor(private readonly callback: () => void) {}
      observe(): void {
        resized.push(this.callback);
      }
      unobserve(): void {}
      disconnect(): void {}
    } as unknown as typeof ResizeObserver;
    const scrolledIntoView: Element[] = [];
    HTMLElement.prototype.scrollIntoView = function (this: Element) {
      scrolledIntoView.push(this);
    };
    try {
      frameShown = true;
      boxHeight = 300;
      const form = (
        <form aria-label="Before we start">
          <label>
            Your name <input />
          </label>
        </form>
      );
      await renderWithI18n(<MessageList entries={entries} greeting="" actions={fakeActions()} open intro={form} />);
      const scroller = screen.getByRole('list', { name: 'Messages' }).parentElement as HTMLElement;
      // At the end of the list as far as it knows (it opened there), with the visitor in the form's field.
      expect(scroller.scrollTop).toBe(600);
      const name = screen.getByLabelText('Your name');
      name.focus();

      boxHeight = 120;
      act(() => resized.forEach((callback) => callback()));
      // Not stuck to the end (720): the field is brought into view instead.
      expect(scroller.scrollTop).toBe(600);
      expect(scrolledIntoView).toEqual([name]);
    } finally {
      globalThis.ResizeObserver = original;
      delete (HTMLElement.prototype as { scrollIntoView?: unknown }).scrollIntoView;
      boxHeight = 300;
    }
  });
});

describe('MessageList read out by screen readers', () => {
  const agentReply: TimelineEntry = { ...entries[0]!, key: 'message_4', text: 'Your parcel left today', clientId: 'client_4_000' };
  const visitorMessage: TimelineEntry = { ...entries[0]!, key: 'client_5_000', author: 'visitor', authorName: null, text: 'Thanks!', status: 'sending', clientId: 'client_5_000' };
  let show: (next: { entries: TimelineEntry[]; historyLoaded: boolean }) => void = () => undefined;
  function Chat() {
    const [state, setState] = useState({ entries: [] as TimelineEntry[], historyLoaded: false });
    show = setState;
    return <MessageList entries={state.entries} greeting="" actions={fakeActions()} open historyLoaded={state.historyLoaded} />;
  }

  it('does not read out the history when it arrives, then reads out only the new messages of others', async () => {
    await renderWithI18n(<Chat />);
    const list = screen.getByRole('list', { name: 'Messages' });
    const announcements = screen.getByTestId('message-announcements');
    expect(announcements).toHaveAttribute('aria-live', 'polite');
    // The list itself is not live: only what is put in the announcements is read out.
    expect(list.closest('[aria-live]')).toBeNull();

    act(() => show({ entries, historyLoaded: false }));
    act(() => show({ entries, historyLoaded: true }));
    expect(list.querySelectorAll('li')).toHaveLength(3);
    expect(announcements).toBeEmptyDOMElement();

    act(() => show({ entries: [...entries, visitorMessage], historyLoaded: true }));
    act(() => show({ entries: [...entries, { ...visitorMessage, key: 'message_5', status: 'sent' }], historyLoaded: true }));
    expect(announcements).toBeEmptyDOMElement();

    act(() => show({ entries: [...entries, { ...visitorMessage, key: 'message_5', status: 'sent' }, agentReply], historyLoaded: true }));
    expect(announcements).toHaveTextContent('Anna: Your parcel left today');
    expect(announcements).not.toHaveTextContent('Thanks!');
  });

  it('reads out a message that is only a file as the file\'s name, not as a name and a colon', async () => {
    await renderWithI18n(<Chat />);
    act(() => show({ entries, historyLoaded: true }));
    const invoice = {
      id: 'file_0001_abcdefgh', name: 'invoice.pdf', size: 7, contentType: 'application/pdf' as const, isImage: false,
    };
    act(() => show({ entries: [...entries, { ...agentReply, key: 'message_6', text: '', attachments: [invoice] }], historyLoaded: true }));
    expect(screen.getByTestId('message-announcements')).toHaveTextContent(/^Anna: invoice\.pdf$/);
  });
});

test('an empty chat shows its greeting above the pre-chat form, not below it', async () => {
  await renderWithI18n(
    <MessageList entries={[]} greeting="Hi! Ask us anything" actions={fakeActions()} open intro={<form aria-label="Before we start" />} />,
  );
  const greeting = screen.getByText('Hi! Ask us anything');
  const form = screen.getByRole('form', { name: 'Before we start' });
  expect(greeting.compareDocumentPosition(form) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
});

test('in a browser without Belarusian data (Chromium), a Belarusian chat shows times as Russian readers do, not in English', async () => {
  const restore = withoutBelarusianIntlData();
  try {
    const evening = { ...entries[0]!, createdAt: new Date(2025, 0, 1, 21, 5).toISOString() };
    await renderWithI18n(<MessageList entries={[evening]} greeting="" actions={fakeActions()} open />, 'be');
    expect(screen.getByText('21:05')).toBeTruthy();
  } finally {
    restore();
  }
});
