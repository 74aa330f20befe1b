import type { TypingNotice } from '@parley/shared';
import { createTypingStore } from './typing.store';

const visitorTyping = (conversationId: string, typing: boolean): TypingNotice => ({
  conversationId,
  who: 'visitor',
  name: 'Ada',
  typing,
});

describe('who is typing', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('shows the visitor typing until they stop, send, or go quiet', () => {
    const store = createTypingStore(jest.fn());
    store.receive(visitorTyping('conv-1', true));
    store.receive(visitorTyping('conv-2', true));
    store.receive(visitorTyping('conv-3', true));
    expect(Object.keys(store.typists.value).sort()).toEqual(['conv-1', 'conv-2', 'conv-3']);

    store.receive(visitorTyping('conv-1', false));
    // The message came, but its "stopped" did not (or came later): the line goes at once.
    store.visitorSent('conv-2');
    expect(Object.keys(store.typists.value)).toEqual(['conv-3']);

    jest.advanceTimersByTime(8000);
    expect(store.typists.value).toEqual({});
    store.dispose();
  });

  it("ignores agents' typing echoed from colleagues' consoles", () => {
    const store = createTypingStore(jest.fn());
    store.receive({ conversationId: 'conv-1', who: 'agent', name: 'Bob', typing: true });
    expect(store.typists.value).toEqual({});
    store.dispose();
  });
});
