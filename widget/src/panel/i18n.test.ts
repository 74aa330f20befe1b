import fs from 'node:fs';
import path from 'node:path';
import { WIDGET_LOCALES, createWidgetI18n, pickLocale } from './i18n';

const localesDir = path.resolve(__dirname, '../../../shared/locales');
type Tree = { [key: string]: string | Tree };
const readLocale = (lng: string): Tree =>
  JSON.parse(fs.readFileSync(path.join(localesDir, lng, 'widget.json'), 'utf8')) as Tree;

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') entries.set(prefix + key, value);
    else for (const [inner, text] of flatten(value, `${prefix}${key}.`)) entries.set(inner, text);
  }
  return entries;
}
const placeholders = (text: string): string[] => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]!).sort();

describe('widget locales', () => {
  const english = flatten(readLocale('en'));

  it.each(WIDGET_LOCALES.filter((lng) => lng !== 'en'))('%s has every key of en, translated, with the same placeholders', (lng) => {
    const translated = flatten(readLocale(lng));
    expect([...translated.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [key, text] of translated) {
      expect(text.trim()).not.toBe('');
      expect({ key, placeholders: placeholders(text) }).toEqual({ key, placeholders: placeholders(english.get(key)!) });
    }
    // A language other than English should not have kept the English sentences.
    expect(translated.get('composer.label')).not.toBe(english.get('composer.label'));
  });
});

describe('the panel\'s source', () => {
  const sources = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) return sources(file);
      return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [file] : [];
    });

  it('asks only for keys the locale files have (a missing one shows visitors its name)', () => {
    const english = flatten(readLocale('en'));
    const used = sources(__dirname).flatMap((file) =>
      [...fs.readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([^']+)'/g)].map((match) => ({ file: path.basename(file), key: match[1]! })),
    );
    expect(used.length).toBeGreaterThan(50);
    expect(used.filter(({ key }) => !english.has(key))).toEqual([]);
  });
});

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
