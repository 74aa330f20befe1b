import { aMessage, agentAuthor, systemAuthor } from '../test-support/message-factory';
import { createChatStore } from './chat-store';

describe('chat store', () => {
  it('replaces a pending message by the delivered one, whichever arrives first', () => {
    const store = createChatStore();
    const pending = { clientId: 'client_1_000', text: 'hi', createdAt: '2025-01-01T12:00:00.000Z' };
    store.setPending([pending]);
    store.receiveMessages([aMessage({ seq: 1, clientId: pending.clientId })], { live: true });
    expect(store.getState().pending).toEqual([]);

    // The outbox may report the item once more before its ack is processed: still shown once.
    store.setPending([pending]);
    expect(store.getState().pending).toEqual([]);
    expect(store.getState().messages).toHaveLength(1);
  });

  it('counts live agent messages as unread only while closed, and clears them on open', () => {
    const store = createChatStore();
    store.receiveMessages([aMessage({ seq: 1, author: agentAuthor })], { live: false });
    expect(store.getState().unread).toBe(0);
    store.receiveMessages([aMessage({ seq: 2, author: agentAuthor }), aMessage({ seq: 3 })], { live: true });
    expect(store.getState().unread).toBe(1);
    store.setOpen(true);
    expect(store.getState().unread).toBe(0);
    store.receiveMessages([aMessage({ seq: 4, author: agentAuthor })], { live: true });
    expect(store.getState().unread).toBe(0);
  });

  it('counts no system line as unread: a transfer is not a message from the agent', () => {
    const store = createChatStore();
    const transfer = aMessage({
      seq: 1,
      author: systemAuthor,
      event: { type: 'transferred', from: 'Anna', to: 'Boris' },
    });
    store.receiveMessages([transfer], { live: true });
    expect(store.getState().unread).toBe(0);
  });

  it('stops showing the agent as typing once their message arrives', () => {
    const store = createChatStore();
    store.update({ agentTyping: { name: 'Anna' } });
    store.receiveMessages([aMessage({ seq: 1 })], { live: true });
    expect(store.getState().agentTyping).toEqual({ name: 'Anna' });
    store.receiveMessages([aMessage({ seq: 2, author: agentAuthor })], { live: true });
    expect(store.getState().agentTyping).toBeNull();
  });

  it('notifies subscribers until they unsubscribe', () => {
    const store = createChatStore();
    const listener = jest.fn();
    const unsubscribe = store.subscribe(listener);
    store.setOpen(true);
    unsubscribe();
    store.setOpen(false);
    expect(listener).toHaveBeenCalledTimes(1);
  });
});
