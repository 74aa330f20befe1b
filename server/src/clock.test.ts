import { isoAt, nowIso } from './clock';

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

test('gives any instant its own ISO string, also when instants alternate with the current time', () => {
  const earlier = Date.parse('2025-03-01T08:30:00.250Z');
  expect(isoAt(earlier)).toBe('2025-03-01T08:30:00.250Z');
  const current = nowIso();
  expect(isoAt(earlier + 1)).toBe('2025-03-01T08:30:00.251Z');
  expect(isoAt(Date.parse(current))).toBe(current);
  expect(isoAt(earlier)).toBe('2025-03-01T08:30:00.250Z');
});
