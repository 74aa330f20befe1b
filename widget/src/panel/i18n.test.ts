import fs from 'node:fs';
import path from 'node:path';
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

describe("the panel's source", () => {
  // Which keys each source file asks for, and whether the file is in the panel's initial load (reached
  // from main.tsx by static imports) or comes with an on-demand part (a dynamic import).
  const panelDir = __dirname;
  const localesDir = path.resolve(__dirname, '../../../shared/locales');
  type Tree = { [key: string]: string | Tree };
  const keysOf = (tree: Tree, prefix = ''): string[] =>
    Object.entries(tree).flatMap(([key, value]) =>
      typeof value === 'string' ? [`${prefix}${key}`] : keysOf(value, `${prefix}${key}.`),
    );
  const readKeys = (namespace: string): Set<string> =>
    new Set(keysOf(JSON.parse(fs.readFileSync(path.join(localesDir, 'en', `${namespace}.json`), 'utf8')) as Tree));
  const core = readKeys('widget');
  const parts = readKeys('widget-parts');

  const sources = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) sources.set(file, fs.readFileSync(file, 'utf8'));
    }
  };
  walk(panelDir);
  const resolveImport = (from: string, spec: string): string | undefined =>
    ['.ts', '.tsx'].map((ext) => path.resolve(path.dirname(from), spec) + ext).find((file) => sources.has(file));
  const initial = new Set<string>();
  const visit = (file: string): void => {
    if (initial.has(file)) return;
    initial.add(file);
    const source = sources.get(file) ?? '';
    for (const match of source.matchAll(/^(?:import|export)(?!\s+type\b)[^'"()]*?from\s+'(\.[^']+)'/gm)) {
      const target = resolveImport(file, match[1]!);
      if (target) visit(target);
    }
  };
  visit(path.join(panelDir, 'main.tsx'));
  const asked = [...sources].flatMap(([file, source]) =>
    [...source.matchAll(/\bt\(\s*'([^']+)'/g)].map((match) => ({ file: path.relative(panelDir, file), key: match[1]!, initial: initial.has(file) })),
  );

  it('finds the initial load and the keys (so an empty scan cannot pass)', () => {
    expect(initial.has(path.join(panelDir, 'components', 'PanelApp.tsx'))).toBe(true);
    expect(initial.has(path.join(panelDir, 'components', 'RatingCard.tsx'))).toBe(false);
    expect(asked.length).toBeGreaterThan(50);
  });

  it('asks only for keys the locale files have (a missing one shows visitors its name)', () => {
    expect(asked.filter(({ key }) => !core.has(key) && !parts.has(key))).toEqual([]);
  });

  it("asks, in the initial load, only for keys of the file fetched at start (the parts' come later)", () => {
    expect(asked.filter(({ key, initial: atStart }) => atStart && !core.has(key))).toEqual([]);
  });

  it('keeps each key in one of the two files only', () => {
    expect([...parts].filter((key) => core.has(key))).toEqual([]);
  });
});
