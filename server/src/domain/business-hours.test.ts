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

describe('a day whose ranges were not typed in time order', () => {
  const thursday = (ranges: { from: string; to: string }[]): OpeningHours => ({
    timeZone: 'Europe/Madrid', // UTC+1 in November
    week: { mon: [], tue: [], wed: [], thu: ranges, fri: [], sat: [], sun: [] },
    holidays: [],
  });
  const evening = { from: '18:00', to: '20:00' };
  const afternoon = { from: '16:00', to: '17:00' };
  // Thursday 26 Nov 2026, 15:08 Madrid.
  const at = new Date('2026-11-26T14:08:00Z');

  test('gives the same due date as the same ranges in order: the 16:00 range counts first', () => {
    // 30 open minutes from 15:08 (closed): 16:00 + 30 = 16:30 Madrid, not 18:30.
    expect(addBusinessMinutes(at, 30, thursday([evening, afternoon])).toISOString()).toBe('2026-11-26T15:30:00.000Z');
    expect(addBusinessMinutes(at, 30, thursday([afternoon, evening])).toISOString()).toBe('2026-11-26T15:30:00.000Z');
    // 90 minutes: the whole 16:00–17:00, then 30 of 18:00–20:00.
    expect(addBusinessMinutes(at, 90, thursday([evening, afternoon])).toISOString()).toBe('2026-11-26T17:30:00.000Z');
    expect(businessMinutesBetween(at, new Date('2026-11-26T19:00:00Z'), thursday([evening, afternoon]))).toBe(180);
  });

  test('overlapping ranges count their shared minutes once', () => {
    const overlapping = thursday([{ from: '12:00', to: '17:00' }, { from: '09:00', to: '13:00' }]);
    const nineToFiveMadrid = thursday([{ from: '09:00', to: '17:00' }]);
    const dayStart = new Date('2026-11-26T07:00:00Z');
    expect(businessMinutesBetween(dayStart, new Date('2026-11-26T17:00:00Z'), overlapping)).toBe(480);
    expect(addBusinessMinutes(dayStart, 300, overlapping).toISOString()).toBe(addBusinessMinutes(dayStart, 300, nineToFiveMadrid).toISOString());
  });
});
