/** SLA clocks counted in opening hours, across nights, weekends, holidays and time zones. */
import type { OpeningHours } from '@parley/shared';
import { addBusinessMinutes, businessMinutesBetween, isOpenAt } from './business-hours';

const nineToFive = { from: '09:00', to: '17:00' };
const minsk: OpeningHours = {
  timeZone: 'Europe/Minsk', // UTC+3 all year
  week: { mon: [nineToFive], tue: [nineToFive], wed: [nineToFive], thu: [nineToFive], fri: [nineToFive], sat: [], sun: [] },
  holidays: ['2026-12-25'],
};

test('without opening hours the clock is the wall clock', () => {
  expect(addBusinessMinutes(new Date('2026-11-23T10:00:00Z'), 90, null).toISOString()).toBe('2026-11-23T11:30:00.000Z');
});

test('within one open day', () => {
  // Monday 10:00 Minsk = 07:00 UTC; +60 open minutes = 11:00 Minsk.
  expect(addBusinessMinutes(new Date('2026-11-23T07:00:00Z'), 60, minsk).toISOString()).toBe('2026-11-23T08:00:00.000Z');
});

test('a clock running past closing time continues next morning', () => {
  // Monday 16:30 Minsk + 60 min = 30 min Monday + 30 min Tuesday from 09:00 → Tue 09:30 Minsk.
  expect(addBusinessMinutes(new Date('2026-11-23T13:30:00Z'), 60, minsk).toISOString()).toBe('2026-11-24T06:30:00.000Z');
});

test('a request on Saturday starts counting on Monday morning', () => {
  expect(addBusinessMinutes(new Date('2026-11-28T12:00:00Z'), 30, minsk).toISOString()).toBe('2026-11-30T06:30:00.000Z');
});

test('holidays are skipped', () => {
  // Thursday 24 Dec 16:00 Minsk + 120 min: 60 that day, Friday 25th is a holiday, then Monday 28th 10:00.
  expect(addBusinessMinutes(new Date('2026-12-24T13:00:00Z'), 120, minsk).toISOString()).toBe('2026-12-28T07:00:00.000Z');
});

test('open or closed at a moment', () => {
  expect(isOpenAt(new Date('2026-11-23T07:00:00Z'), minsk)).toBe(true);
  expect(isOpenAt(new Date('2026-11-23T15:00:00Z'), minsk)).toBe(false);
  expect(isOpenAt(new Date('2026-11-28T10:00:00Z'), minsk)).toBe(false);
  expect(isOpenAt(new Date('2026-12-25T08:00:00Z'), minsk)).toBe(false);
  expect(isOpenAt(new Date('2026-12-25T08:00:00Z'), null)).toBe(true);
});

describe('open minutes between two moments', () => {
  test('without opening hours, wall-clock minutes', () => {
    expect(businessMinutesBetween(new Date('2026-11-23T10:00:00Z'), new Date('2026-11-25T10:30:00Z'), null)).toBe(2 * 1440 + 30);
  });

  test('nights, the weekend and a holiday do not count', () => {
    // Thursday 24 Dec 16:00 Minsk to Monday 28 Dec 10:00 Minsk: 60 + 0 (holiday) + 0 + 0 + 60.
    expect(businessMinutesBetween(new Date('2026-12-24T13:00:00Z'), new Date('2026-12-28T07:00:00Z'), minsk)).toBe(120);
    // Friday evening to Monday 08:00 Minsk: nothing was open.
    expect(businessMinutesBetween(new Date('2026-11-27T15:00:00Z'), new Date('2026-11-30T05:00:00Z'), minsk)).toBe(0);
  });

  test('undoes addBusinessMinutes from an open moment', () => {
    const from = new Date('2026-11-23T13:30:00Z');
    for (const minutes of [1, 59, 60, 480, 2000]) {
      expect(businessMinutesBetween(from, addBusinessMinutes(from, minutes, minsk), minsk)).toBe(minutes);
    }
  });

  test('a moment before another counts nothing', () => {
    expect(businessMinutesBetween(new Date('2026-11-23T10:00:00Z'), new Date('2026-11-23T09:00:00Z'), minsk)).toBe(0);
  });
});
