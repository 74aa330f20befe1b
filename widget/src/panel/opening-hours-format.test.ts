import type { OpeningHours } from '@parley/shared';
import { ALL_DAY, timeZoneName, timeZoneOffset, upcomingHolidays, weekRows } from './opening-hours-format';

const nineToSix = [{ from: '09:00', to: '18:00' }];
const hours: OpeningHours = {
  timeZone: 'Europe/Minsk',
  week: {
    mon: nineToSix,
    tue: nineToSix,
    wed: nineToSix,
    thu: nineToSix,
    fri: [{ from: '09:00', to: '13:00' }, { from: '14:00', to: '17:00' }],
    sat: [],
    sun: [],
  },
  holidays: ['2025-01-07', '2024-12-25', '2025-05-09', '2025-01-01', '2025-07-03'],
};

const ENGLISH_DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const GERMAN_DAYS = ['Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag', 'Sonntag'];

const range = (lng: string, from: [number, number], to: [number, number]) =>
  new Intl.DateTimeFormat(lng, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).formatRange(
    Date.UTC(2024, 0, 1, ...from),
    Date.UTC(2024, 0, 1, ...to),
  );

describe('weekRows', () => {
  it('puts consecutive days with the same hours on one line, in the visitor’s language', () => {
    expect(weekRows(hours, 'en', ENGLISH_DAYS)).toEqual([
      { days: 'Monday – Thursday', hours: range('en', [9, 0], [18, 0]) },
      { days: 'Friday', hours: `${range('en', [9, 0], [13, 0])}, ${range('en', [14, 0], [17, 0])}` },
      { days: 'Saturday – Sunday', hours: null },
    ]);
    const german = weekRows(hours, 'de', GERMAN_DAYS);
    expect(german.map((row) => row.days)).toEqual(['Montag – Donnerstag', 'Freitag', 'Samstag – Sonntag']);
    expect(german[0]!.hours).toBe(range('de', [9, 0], [18, 0]));
  });

  it('says "all day" for 00:00–24:00 and never prints a date for a range ending at midnight', () => {
    const week = { ...hours.week, sat: [{ from: '00:00', to: '24:00' }], sun: [{ from: '18:00', to: '24:00' }] };
    const rows = weekRows({ ...hours, week }, 'en', ENGLISH_DAYS);
    expect(rows.at(-2)).toEqual({ days: 'Saturday', hours: ALL_DAY });
    expect(rows.at(-1)!.hours).toMatch(/^6:00\sPM – 12:00\sAM$/);
  });
});

describe('timeZoneName', () => {
  it('names the zone in the visitor’s language, falling back to its id', () => {
    const english = timeZoneName('Asia/Dubai', 'en');
    expect(english).toMatch(/Gulf/);
    expect(timeZoneName('Asia/Dubai', 'de')).not.toBe(english);
    expect(timeZoneName('Not/AZone', 'en')).toBe('Not/AZone');
  });
});

describe('timeZoneOffset', () => {
  it('gives the zone as its offset from UTC, in no language’s words', () => {
    const now = new Date('2025-01-15T12:00:00Z');
    expect(timeZoneOffset('Europe/Minsk', now)).toBe('UTC+3');
    expect(timeZoneOffset('Asia/Kolkata', now)).toBe('UTC+5:30');
    expect(timeZoneOffset('America/New_York', now)).toBe('UTC-5');
    expect(timeZoneOffset('Not/AZone', now)).toBe('Not/AZone');
  });
});

describe('upcomingHolidays', () => {
  it('lists the next few days off from today in the site’s zone, in order, as a sentence', () => {
    // 31 Dec 2024, 22:30 UTC is already 1 January in Minsk (UTC+3): the 25th is past.
    const now = new Date('2024-12-31T22:30:00Z');
    expect(upcomingHolidays(hours, 'en', { now })).toBe('January 1, January 7, and May 9');
    expect(upcomingHolidays(hours, 'ru', { now })).toBe('1 января, 7 января и 9 мая');
    expect(upcomingHolidays({ ...hours, holidays: ['2020-01-01'] }, 'en', { now })).toBeNull();
  });

  it('writes the dates as numbers when asked (Intl would spell months in another language)', () => {
    const now = new Date('2024-12-31T22:30:00Z');
    expect(upcomingHolidays(hours, 'ru', { now, numeric: true })).toBe('01.01, 07.01, 09.05');
  });
});
