import { formatMessageTime } from './time-format';

describe('formatMessageTime', () => {
  it("writes today's times as the widget does, without a leading zero on the hour", () => {
    const now = new Date('2030-03-01T23:00:00');
    expect(formatMessageTime('2030-03-01T09:05:00', 'en', now)).toBe('9:05 AM');
    expect(formatMessageTime('2030-03-01T21:05:00', 'ru', now)).toBe('21:05');
  });

  it('adds the date for an earlier day', () => {
    const now = new Date('2030-03-02T10:00:00');
    expect(formatMessageTime('2030-03-01T09:05:00', 'en', now)).toBe('Mar 1, 9:05 AM');
  });
});
