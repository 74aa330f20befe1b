import { createWidgetI18n, pickLocale } from './i18n';

// Completeness of every language's strings is checked for all namespaces in shared/locales/locales.test.ts.
describe('pickLocale', () => {
  it('takes the first supported language, matching regional variants to their language', () => {
    expect(pickLocale(['pt-BR'])).toBe('pt');
    expect(pickLocale([null, 'xx', 'uk-UA', 'ru'])).toBe('uk');
    expect(pickLocale(['zh_CN'])).toBe('zh');
    expect(pickLocale(['AR'])).toBe('ar');
  });

  it('falls back to English', () => {
    expect(pickLocale(['ja', undefined, ''])).toBe('en');
    expect(pickLocale([])).toBe('en');
  });
});

describe('createWidgetI18n', () => {
  it('loads the requested language on demand', async () => {
    const i18n = await createWidgetI18n('ru');
    expect(i18n.t('composer.label')).toBe('Введите сообщение');
    expect(i18n.t('typing', { name: 'Анна' })).toBe('Анна печатает…');
  });

  it('knows Arabic is written right to left', async () => {
    const i18n = await createWidgetI18n('ar');
    expect(i18n.dir()).toBe('rtl');
    await i18n.changeLanguage('de');
    expect(i18n.dir()).toBe('ltr');
    expect(i18n.t('composer.send')).toBe('Senden');
  });
});
