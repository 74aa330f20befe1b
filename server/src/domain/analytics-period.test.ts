/** Periods and local days and hours in time zones with clock changes and with half- and quarter-hour offsets. */
import type { VolumeSlot } from '../store/analytics.store';
import { reportPeriod, volumeOf } from './analytics-period';

const slot = (start: string, conversations = 1, tickets = 0): VolumeSlot => ({ start, conversations, tickets });
const nonZeroHours = (volume: ReturnType<typeof volumeOf>) =>
  volume.byHour.filter((h) => h.conversations + h.tickets > 0).map((h) => [h.hour, h.conversations, h.tickets]);

test('a period runs from local midnight of the first day to local midnight after the last', () => {
  expect(reportPeriod({ from: '2024-03-09', to: '2024-03-10', timeZone: 'Europe/Berlin' })).toMatchObject({
    days: ['2024-03-09', '2024-03-10'],
    start: '2024-03-08T23:00:00.000Z',
    end: '2024-03-10T23:00:00.000Z',
  });
  const leapYear = reportPeriod({ from: '2024-01-01', to: '2024-12-31', timeZone: 'Pacific/Auckland' });
  expect(leapYear.days).toHaveLength(366);
  expect(leapYear.days[59]).toBe('2024-02-29');
  expect(leapYear.dayStarts).toHaveLength(367);
});

test('New York spring forward: the 23-hour Sunday has no 2 am, and 23:45 on Sunday is 03:45 UTC on Monday', () => {
  const period = reportPeriod({ from: '2024-03-09', to: '2024-03-11', timeZone: 'America/New_York' });
  expect(period.dayStarts.map((ms) => new Date(ms).toISOString())).toEqual([
    '2024-03-09T05:00:00.000Z', '2024-03-10T05:00:00.000Z', '2024-03-11T04:00:00.000Z', '2024-03-12T04:00:00.000Z',
  ]);
  const volume = volumeOf(period, [
    slot('2024-03-10T06:45:00.000Z'), // 01:45 EST
    slot('2024-03-10T07:00:00.000Z'), // 03:00 EDT
    slot('2024-03-11T03:45:00.000Z', 0, 1), // 23:45 EDT on Sunday
    slot('2024-03-11T04:00:00.000Z', 2, 0), // Monday, midnight
    slot('2024-03-09T04:45:00.000Z', 5, 5), // Friday 23:45: before the period
    slot('2024-03-12T04:00:00.000Z', 5, 5), // Tuesday: after it
  ]);
  expect(volume.byDay).toEqual([
    { date: '2024-03-09', conversations: 0, tickets: 0 },
    { date: '2024-03-10', conversations: 2, tickets: 1 },
    { date: '2024-03-11', conversations: 2, tickets: 0 },
  ]);
  expect(nonZeroHours(volume)).toEqual([[0, 2, 0], [1, 1, 0], [3, 1, 0], [23, 0, 1]]);
});

test('New York fall back: both 1:30 am of the 25-hour Sunday count into hour 1', () => {
  const period = reportPeriod({ from: '2024-11-03', to: '2024-11-03', timeZone: 'America/New_York' });
  expect(period).toMatchObject({ start: '2024-11-03T04:00:00.000Z', end: '2024-11-04T05:00:00.000Z' });
  const volume = volumeOf(period, [slot('2024-11-03T05:30:00.000Z'), slot('2024-11-03T06:30:00.000Z'), slot('2024-11-04T04:45:00.000Z')]);
  expect(volume.byDay).toEqual([{ date: '2024-11-03', conversations: 3, tickets: 0 }]);
  expect(nonZeroHours(volume)).toEqual([[1, 2, 0], [23, 1, 0]]);
});

test('India (+5:30) and Nepal (+5:45): quarter-hour slots land on the right side of local midnight', () => {
  const india = reportPeriod({ from: '2024-03-09', to: '2024-03-10', timeZone: 'Asia/Kolkata' });
  const indiaVolume = volumeOf(india, [slot('2024-03-09T18:15:00.000Z'), slot('2024-03-09T18:30:00.000Z')]);
  expect(indiaVolume.byDay.map((d) => d.conversations)).toEqual([1, 1]);
  expect(nonZeroHours(indiaVolume)).toEqual([[0, 1, 0], [23, 1, 0]]);

  const nepal = reportPeriod({ from: '2024-03-09', to: '2024-03-10', timeZone: 'Asia/Kathmandu' });
  const nepalVolume = volumeOf(nepal, [slot('2024-03-09T18:00:00.000Z'), slot('2024-03-09T18:15:00.000Z', 0, 1)]);
  expect(nepalVolume.byDay).toEqual([
    { date: '2024-03-09', conversations: 1, tickets: 0 },
    { date: '2024-03-10', conversations: 0, tickets: 1 },
  ]);
  expect(nonZeroHours(nepalVolume)).toEqual([[0, 0, 1], [23, 1, 0]]);
});

test('slots may come in any order, and every day and hour is listed even when empty', () => {
  const period = reportPeriod({ from: '2024-05-01', to: '2024-05-03', timeZone: 'UTC' });
  const volume = volumeOf(period, [slot('2024-05-03T10:00:00.000Z'), slot('2024-05-01T10:15:00.000Z', 2, 1)]);
  expect(volume.byDay.map((d) => [d.date, d.conversations, d.tickets])).toEqual([
    ['2024-05-01', 2, 1], ['2024-05-02', 0, 0], ['2024-05-03', 1, 0],
  ]);
  expect(volume.byHour).toHaveLength(24);
  expect(nonZeroHours(volume)).toEqual([[10, 3, 1]]);
});
