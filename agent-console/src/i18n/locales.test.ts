import { ERROR_CODES } from '@parley/shared';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createTranslator } from './i18n';
import { LANGUAGES, type Language } from './languages';

type Tree = { [key: string]: string | Tree };
const PLURAL = /_(zero|one|two|few|many|other)$/;

function load(language: Language): Tree {
  const file = path.join(__dirname, '../../../shared/locales', language, 'console.json');
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Tree;
}

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(name, value);
    else flatten(value, name).forEach((v, k) => out.set(k, v));
  }
  return out;
}

const variables = (text: string) => [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();
const english = flatten(load('en'));
const englishBases = new Set([...english.keys()].map((key) => key.replace(PLURAL, '')));
const languages = Object.keys(LANGUAGES) as Language[];

describe.each(languages)('console.json in %s', (language) => {
  const strings = flatten(load(language));

  it('has every message English has, and no others', () => {
    const bases = new Set([...strings.keys()].map((key) => key.replace(PLURAL, '')));
    expect([...bases].sort()).toEqual([...englishBases].sort());
  });

  it('has every plural form the language needs', () => {
    const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
    const pluralBases = new Set(
      [...english.keys()].filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, '')),
    );
    for (const base of pluralBases) {
      for (const category of categories) expect(strings.has(`${base}_${category}`)).toBe(true);
    }
  });

  it('keeps the placeholders of each English message', () => {
    for (const [key, text] of strings) {
      const englishText = english.get(key) ?? english.get(key.replace(PLURAL, '_other')) ?? '';
      // Arabic spells out 1 and 2 ("one message", "two messages") instead of using {{count}}.
      const expected = variables(englishText).filter((v) => !(language === 'ar' && v === 'count'));
      for (const variable of expected) expect(variables(text)).toContain(variable);
      expect(text.trim()).not.toBe('');
    }
  });

  it('translates every error code the server can send', () => {
    for (const code of ERROR_CODES) expect(strings.get(`errors.${code}`)).toBeTruthy();
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
