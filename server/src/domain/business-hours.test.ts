/** SLA clocks counted in opening hours, across nights, weekends, holidays and time zones. */
import type { OpeningHours } from '@parley/shared';
import { addBusinessMinutes, isOpenAt } from './business-hours';

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
