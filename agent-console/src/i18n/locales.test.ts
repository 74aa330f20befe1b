import { ERROR_CODES } from '@parley/shared';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createTranslator } from './i18n';
import { INSIGHT_NAMESPACE } from './insight-locales';
import { LANGUAGES, type Language } from './languages';

type Tree = { [key: string]: string | Tree };

function load(language: Language, namespace: 'console' | 'console-insight'): Tree {
  const file = path.join(__dirname, '../../../shared/locales', language, `${namespace}.json`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Tree;
}

const languages = Object.keys(LANGUAGES) as Language[];

// Completeness of every language's strings is checked for all namespaces in shared/locales/locales.test.ts.
describe.each(languages)('console.json in %s', (language) => {
  it('translates every error code the server can send', () => {
    const errors = load(language, 'console').errors as Tree;
    for (const code of ERROR_CODES)
      expect({ code, text: errors[code] }).toEqual({ code, text: expect.any(String) });
  });
});

describe('translator', () => {
  it('picks Russian plural forms by number', async () => {
    const translator = await createTranslator('ru');
    const unread = (count: number) => translator.t('queue.unread', { count });
    expect([1, 3, 5, 21].map(unread)).toEqual([
      '1 непрочитанное сообщение',
      '3 непрочитанных сообщения',
      '5 непрочитанных сообщений',
      '21 непрочитанное сообщение',
    ]);
  });

  it('knows Arabic is written right to left, and switches language on demand', async () => {
    const translator = await createTranslator('en');
    expect(translator.dir()).toBe('ltr');
    await translator.setLanguage('ar');
    expect(translator.dir()).toBe('rtl');
    expect(translator.t('chat.reply')).toBe('اكتب ردك');
    expect(translator.language.value).toBe('ar');
  });
});

describe('the console-insight namespace', () => {
  it('loads beside the console strings when the language changes, Arabic right to left', async () => {
    const translator = await createTranslator('en');
    const t = (key: string) => translator.t(key, { ns: INSIGHT_NAMESPACE });
    expect(t('nav.kb')).toBe('Knowledge base');
    await translator.setLanguage('ar');
    expect(translator.dir()).toBe('rtl');
    expect(t('nav.kb')).toBe((load('ar', 'console-insight').nav as Tree).kb);
    expect(t('nav.kb')).not.toBe('Knowledge base');
    await translator.setLanguage('ru');
    expect(t('analytics.title')).toBe('Аналитика');
  });
});
