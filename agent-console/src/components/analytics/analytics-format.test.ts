import { withoutBelarusianIntlData } from '@parley/shared/test-support/intl-without-belarusian';
import { formatMessageTime } from '../time-format';
import { formatCount, formatDay, formatDuration, formatHour, formatPercent } from './analytics-format';

describe('analytics figures', () => {
  it('writes durations with the two largest units, in the reader language', () => {
    expect(formatDuration(45, 'en')).toBe('45 sec');
    expect(formatDuration(252, 'en')).toBe('4 min, 12 sec');
    expect(formatDuration(7200, 'en')).toBe('2 hr');
    expect(formatDuration(90_061, 'en')).toBe('1 day, 1 hr');
    expect(formatDuration(0, 'en')).toBe('0 sec');
    expect(formatDuration(null, 'en')).toBe('—');
    expect(formatDuration(252, 'de')).toBe('4 Min., 12 Sek.');
    expect(formatDuration(252, 'ru')).toBe('4 мин 12 с');
  });

  it('writes percentages and counts the way each language does', () => {
    expect(formatPercent(18.2, 'en')).toBe('18.2%');
    expect(formatPercent(18.2, 'de')).toBe('18,2\u00a0%');
    expect(formatPercent(null, 'fr')).toBe('—');
    expect(formatCount(12_345, 'en')).toBe('12,345');
    expect(formatCount(12_345, 'de')).toBe('12.345');
  });

  it('names days and hours without shifting them to the browser zone', () => {
    expect(formatDay('2030-03-01', 'en')).toBe('Mar 1');
    expect(formatDay('2030-03-01', 'en', true)).toBe('Mar 1, 2030');
    expect(formatHour(0, 'en')).toBe('12 AM');
    expect(formatHour(15, 'de')).toBe('15 Uhr');
  });
});

test('in a browser without Belarusian data (Chromium), Belarusian figures read as Russian ones, not English', () => {
  const restore = withoutBelarusianIntlData();
  try {
    expect(formatDuration(252, 'be')).toBe('4 мин 12 с');
    expect(formatHour(15, 'be')).toBe('15');
    expect(formatMessageTime('2030-03-01T21:05:00', 'be', new Date('2030-03-01T23:00:00'))).toBe('21:05');
  } finally {
    restore();
  }
});
