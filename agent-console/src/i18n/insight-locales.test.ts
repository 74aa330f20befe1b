import * as fs from 'node:fs';
import * as path from 'node:path';
import { createTranslator } from './i18n';
import { INSIGHT_NAMESPACE } from './insight-locales';
import { LANGUAGES, type Language } from './languages';

type Tree = { [key: string]: string | Tree };
const PLURAL = /_(zero|one|two|few|many|other)$/;

function load(language: Language): Tree {
  const file = path.join(__dirname, '../../../shared/locales', language, 'console-insight.json');
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

describe.each(languages)('console-insight.json in %s', (language) => {
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
      // Arabic spells out none, one and two ("تذكرة واحدة") instead of writing the number.
      const spelled = language === 'ar' && /_(zero|one|two)$/.test(key);
      const expected = variables(englishText).filter(
        (v) => !(language === 'ar' && v === 'count') && !(spelled && v === 'formatted'),
      );
      for (const variable of expected) expect(variables(text)).toContain(variable);
      expect(text.trim()).not.toBe('');
    }
  });

  it('is translated, not left in English', () => {
    if (language === 'en') return;
    const same = [...strings].filter(([key, text]) => english.get(key) === text);
    // Some words are the same in several languages ("Chats", "Tickets", "Position"); a copy would be all of them.
    expect(same.length / strings.size).toBeLessThan(0.1);
  });
});

describe('the console-insight namespace', () => {
  it('loads beside the console strings when the language changes, Arabic right to left', async () => {
    const translator = await createTranslator('en');
    const t = (key: string) => translator.t(key, { ns: INSIGHT_NAMESPACE });
    expect(t('nav.kb')).toBe('Knowledge base');
    await translator.setLanguage('ar');
    expect(translator.dir()).toBe('rtl');
    expect(t('nav.kb')).toBe(flatten(load('ar')).get('nav.kb'));
    expect(t('nav.kb')).not.toBe('Knowledge base');
    await translator.setLanguage('ru');
    expect(t('analytics.title')).toBe('Аналитика');
  });
});
