import { aConversation, aMessage, agentAuthor } from '../test-support/message-factory';
import { createChatStore } from './chat-store';
import { startReadReporter } from './read-reporter';

function setup(options: { open?: boolean; hidden?: boolean; connected?: boolean } = {}) {
  const store = createChatStore({ connection: 'online', open: options.open ?? true });
  const doc = Object.assign(new EventTarget(), { hidden: options.hidden ?? false });
  const reads: number[] = [];
  let connected = options.connected ?? true;
  startReadReporter({
    store,
    doc,
    isConnected: () => connected,
    markRead: (seq) => reads.push(seq),
    intervalMs: 1000,
  });
  const deliver = (...seqs: number[]): void => {
    store.receiveMessages(
      seqs.map((seq) => aMessage({ seq, author: agentAuthor })),
      { live: true },
    );
  };
  store.setConversation(aConversation());
  return { store, doc, reads, deliver, connect: () => (connected = true) };
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('read reporter', () => {
  it('reports the highest seq shown while open and visible, at most once a second, the latest last', () => {
    const { reads, deliver } = setup();
    deliver(1, 2);
    expect(reads).toEqual([2]);
    deliver(3);
    deliver(4);
    expect(reads).toEqual([2]);
    jest.advanceTimersByTime(1000);
    expect(reads).toEqual([2, 4]);
    jest.advanceTimersByTime(5000);
    expect(reads).toEqual([2, 4]);
  });

  it('says nothing while the panel is closed, then reports on opening', () => {
    const { store, reads, deliver } = setup({ open: false });
    deliver(1, 2);
    expect(reads).toEqual([]);
    store.setOpen(true);
    expect(reads).toEqual([2]);
  });

  it('says nothing while the page is hidden, then reports when it is visible again', () => {
    const { doc, reads, deliver } = setup({ hidden: true });
    deliver(1);
    expect(reads).toEqual([]);
    doc.hidden = false;
    doc.dispatchEvent(new Event('visibilitychange'));
    expect(reads).toEqual([1]);
  });

  it('does not report what the server already has from another tab, nor while offline', () => {
    const { store, reads, deliver, connect } = setup({ connected: false });
    deliver(1);
    expect(reads).toEqual([]);
    store.setRead({ conversationId: 'conversation_1', visitorSeq: 1, agentSeq: 0 });
    connect();
    store.setConnection('online');
    expect(reads).toEqual([]);
    deliver(2);
    expect(reads).toEqual([2]);
  });

  it('starts over for a new conversation', () => {
    const { store, reads, deliver } = setup();
    deliver(5);
    jest.advanceTimersByTime(1000);
    store.setConversation(aConversation({ id: 'conversation_2' }));
    store.receiveMessages([aMessage({ seq: 1, conversationId: 'conversation_2', author: agentAuthor })], { live: true });
    expect(reads).toEqual([5, 1]);
  });
});
