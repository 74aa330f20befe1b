import { toMessage, type MessageRow } from './rows';

const row: MessageRow = {
  id: 'm1', conversation_id: 'c1', seq: 3, client_id: 'k1', author_kind: 'system', author_id: null, author_name: null,
  text: 'Bea has taken over the chat', internal: 0, created_at: '2026-11-25T08:00:00.000Z', attachments_json: null,
};

describe('a stored system line', () => {
  it('carries its event for readers to word in their language', () => {
    const message = toMessage({ ...row, event_json: JSON.stringify({ type: 'transferred', from: 'Ann', to: 'Bea' }) });
    expect(message.event).toEqual({ type: 'transferred', from: 'Ann', to: 'Bea' });
  });

  it('keeps its text, without an event, when what was stored no longer reads as one', () => {
    for (const event_json of ['{"type":"teleported"}', '{not json']) {
      const message = toMessage({ ...row, event_json });
      expect(message).toMatchObject({ text: 'Bea has taken over the chat', seq: 3 });
      expect(message.event).toBeUndefined();
    }
  });
});
