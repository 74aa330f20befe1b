import { formatLocale } from './format-locale';
import { withoutBelarusianIntlData } from './test-support/intl-without-belarusian';

describe('formatLocale', () => {
  it('keeps a language the runtime has data for', () => {
    expect(formatLocale('be')).toBe('be');
    expect(formatLocale('es')).toBe('es');
  });

  it('formats Belarusian in Russian where the runtime has no Belarusian data, as in Chromium', () => {
    const restore = withoutBelarusianIntlData();
    try {
      expect(new Intl.DateTimeFormat('be', { weekday: 'long', timeZone: 'UTC' }).format(new Date('2026-11-24'))).toBe('Tuesday');
      expect(formatLocale('be')).toBe('ru');
      expect(new Intl.DateTimeFormat(formatLocale('be'), { weekday: 'long', timeZone: 'UTC' }).format(new Date('2026-11-24'))).toBe(
        'вторник',
      );
      expect(formatLocale('uk')).toBe('uk');
    } finally {
      restore();
    }
  });
});
