import { nowIso } from './clock';

afterEach(() => jest.useRealTimers());

test('gives the current time as an ISO string, following the clock from one millisecond to the next', () => {
  jest.useFakeTimers({ now: Date.parse('2026-11-25T10:00:00.000Z') });
  const first = nowIso();
  expect(first).toBe('2026-11-25T10:00:00.000Z');
  expect(nowIso()).toBe(first);
  jest.advanceTimersByTime(1);
  expect(nowIso()).toBe('2026-11-25T10:00:00.001Z');
  jest.setSystemTime(Date.parse('2027-01-01T00:00:00.000Z'));
  expect(nowIso()).toBe('2027-01-01T00:00:00.000Z');
});
