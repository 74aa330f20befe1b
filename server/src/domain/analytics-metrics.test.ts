/** Percentiles and satisfaction, on numbers small enough to check by eye. */
import { durationStats, percentile, satisfactionOf } from './analytics-metrics';

test('percentiles interpolate between the closest ranks', () => {
  expect(percentile([], 0.5)).toBeNull();
  expect(percentile([42], 0.9)).toBe(42);
  expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
  expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1, 10);
  expect(percentile([10, 20], 0.9)).toBe(19);
});

test('duration stats sort numerically (not as text) and keep milliseconds', () => {
  expect(durationStats([100, 9, 20])).toEqual({ count: 3, medianSeconds: 20, p90Seconds: 84 });
  expect(durationStats([0.1234, 0.2])).toEqual({ count: 2, medianSeconds: 0.162, p90Seconds: 0.192 });
  expect(durationStats([])).toEqual({ count: 0, medianSeconds: null, p90Seconds: null });
});

test('satisfaction: average to two decimals, CSAT as the share of 4s and 5s to one', () => {
  expect(satisfactionOf({ ratings: 3, ratingSum: 11, ratingsSatisfied: 2 })).toEqual({ count: 3, average: 3.67, csatPercent: 66.7 });
  expect(satisfactionOf({ ratings: 0, ratingSum: 0, ratingsSatisfied: 0 })).toEqual({ count: 0, average: null, csatPercent: null });
});
