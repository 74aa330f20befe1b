import { aConversation, aMessage, agentAuthor } from '../test-support/message-factory';
import { createChatStore } from './chat-store';
import { timelineEntries } from './timeline-entries';

function statuses(store: ReturnType<typeof createChatStore>) {
  const { messages, pending, agentReadSeqs } = store.getState();
  return timelineEntries(messages, pending, agentReadSeqs)
    .filter((entry) => entry.author === 'visitor')
    .map((entry) => `${entry.text}: ${entry.read ? 'read' : entry.status}`);
}

describe('timelineEntries', () => {
  it('marks the visitor messages the agents have read, up to their mark', () => {
    const store = createChatStore();
    store.setConversation(aConversation({ id: 'conversation_1', status: 'assigned' }));
    store.receiveMessages([aMessage({ seq: 1, text: 'hi' }), aMessage({ seq: 2, text: 'anyone?' })], { live: true });
    store.setRead({ conversationId: 'conversation_1', visitorSeq: 0, agentSeq: 1 });
    expect(statuses(store)).toEqual(['hi: read', 'anyone?: sent']);
  });

  it("keeps an earlier chat's messages read when a new chat starts", () => {
    const store = createChatStore();
    store.setConversation(aConversation({ id: 'conversation_1', status: 'assigned' }));
    store.receiveMessages(
      [aMessage({ seq: 1, text: 'my order is late' }), aMessage({ seq: 2, author: agentAuthor, text: 'sorted!' })],
      { live: true },
    );
    store.setRead({ conversationId: 'conversation_1', visitorSeq: 2, agentSeq: 1 });
    store.setConversation(aConversation({ id: 'conversation_1', status: 'resolved' }));

    store.setConversation(aConversation({ id: 'conversation_2', status: 'queued' }));
    store.receiveMessages([aMessage({ seq: 1, conversationId: 'conversation_2', text: 'one more thing' })], { live: true });
    store.setRead({ conversationId: 'conversation_2', visitorSeq: 0, agentSeq: 0 });

    expect(statuses(store)).toEqual(['my order is late: read', 'one more thing: sent']);
  });
});
