import { aMessage } from '../test-support/message-factory';
import { highestSeq, mergeMessages } from './message-timeline';

describe('mergeMessages', () => {
  it('keeps a message once when it arrives by ack, broadcast and history', () => {
    const first = aMessage({ seq: 1 });
    let { timeline } = mergeMessages([], [first]);
    ({ timeline } = mergeMessages(timeline, [first]));
    ({ timeline } = mergeMessages(timeline, [first, aMessage({ seq: 2 })]));
    expect(timeline.map((message) => message.seq)).toEqual([1, 2]);
  });

  it('orders by seq within a conversation whatever the arrival order', () => {
    const { timeline, added } = mergeMessages([aMessage({ seq: 3 })], [aMessage({ seq: 1 }), aMessage({ seq: 2 })]);
    expect(timeline.map((message) => message.seq)).toEqual([1, 2, 3]);
    expect(added.map((message) => message.seq)).toEqual([1, 2]);
  });

  it('puts a newer conversation after an older one', () => {
    const old = aMessage({ seq: 5, conversationId: 'conversation_old', createdAt: '2025-01-01T10:00:00.000Z' });
    const fresh = aMessage({ seq: 1, conversationId: 'conversation_new', createdAt: '2025-01-02T10:00:00.000Z' });
    expect(mergeMessages([fresh], [old]).timeline).toEqual([old, fresh]);
  });

  it('returns the same array when nothing is new, so views need not re-render', () => {
    const timeline = [aMessage({ seq: 1 })];
    expect(mergeMessages(timeline, [aMessage({ seq: 1 })]).timeline).toBe(timeline);
  });
});

describe('highestSeq', () => {
  it('is the highest seq of that conversation only', () => {
    const timeline = [aMessage({ seq: 9, conversationId: 'other' }), aMessage({ seq: 2 }), aMessage({ seq: 4 })];
    expect(highestSeq(timeline, 'conversation_1')).toBe(4);
    expect(highestSeq([], 'conversation_1')).toBe(0);
  });
});
