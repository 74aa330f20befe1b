// Every locale file, in every namespace and language, says everything English says: same keys, the
// plural forms the language needs, the same placeholders, and actually translated.
import fs from 'node:fs';
import path from 'node:path';

const LOCALES_DIR = __dirname;
const NAMESPACES = ['widget', 'widget-parts', 'console', 'console-insight', 'email', 'ticket-page', 'help-center'] as const;
const LANGUAGES = fs
  .readdirSync(LOCALES_DIR)
  .filter((entry) => fs.statSync(path.join(LOCALES_DIR, entry)).isDirectory());
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') entries.set(prefix + key, value);
    else for (const [inner, text] of flatten(value, `${prefix}${key}.`)) entries.set(inner, text);
  }
  return entries;
}

function readStrings(language: string, namespace: string): Map<string, string> {
  const file = path.join(LOCALES_DIR, language, `${namespace}.json`);
  return flatten(JSON.parse(fs.readFileSync(file, 'utf8')) as Tree);
}

const placeholders = (text: string): string[] =>
  [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((match) => match[1]!).sort();
const baseKey = (key: string): string => key.replace(PLURAL_SUFFIX, '');

/**
 * A plural form that stands for one number only (Arabic "two", English "one") may spell that number
 * out instead of writing {{count}}; Russian "one" also covers 21, 31…, so it may not.
 */
function coversOneNumber(language: string, category: string): boolean {
  const rules = new Intl.PluralRules(language);
  let numbers = 0;
  for (let n = 0; n <= 1000 && numbers < 2; n += 1) if (rules.select(n) === category) numbers += 1;
  return numbers === 1;
}

describe.each(NAMESPACES)('%s strings', (namespace) => {
  const english = readStrings('en', namespace);
  const englishBases = new Set([...english.keys()].map(baseKey));
  const pluralBases = new Set([...english.keys()].filter((key) => PLURAL_SUFFIX.test(key)).map(baseKey));

  it('exist in every language Parley speaks', () => {
    for (const language of LANGUAGES)
      expect(fs.existsSync(path.join(LOCALES_DIR, language, `${namespace}.json`))).toBe(true);
  });

  describe.each(LANGUAGES.filter((language) => language !== 'en'))('in %s', (language) => {
    const strings = readStrings(language, namespace);

    it('has every message English has, and no other', () => {
      expect([...new Set([...strings.keys()].map(baseKey))].sort()).toEqual([...englishBases].sort());
    });

    it('has every plural form the language needs', () => {
      const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
      for (const base of pluralBases) {
        for (const category of categories)
          expect({ key: `${base}_${category}`, present: strings.has(`${base}_${category}`) }).toEqual({
            key: `${base}_${category}`,
            present: true,
          });
      }
    });

    it('keeps the placeholders of each English message, and invents none', () => {
      for (const [key, text] of strings) {
        expect({ key, empty: text.trim() === '' }).toEqual({ key, empty: false });
        const englishText = english.get(key) ?? english.get(`${baseKey(key)}_other`) ?? '';
        const category = PLURAL_SUFFIX.exec(key)?.[1];
        const mayOmit = category !== undefined && coversOneNumber(language, category);
        const expected = placeholders(englishText);
        const missing = expected.filter((name) => !placeholders(text).includes(name));
        const invented = placeholders(text).filter((name) => !expected.includes(name));
        expect({ key, missing: mayOmit ? [] : missing, invented }).toEqual({
          key,
          missing: [],
          invented: [],
        });
      }
    });

    it('is translated, not left in English', () => {
      const same = [...strings].filter(([key, text]) => english.get(key) === text && /\p{L}{4,}/u.test(text));
      // A few words are the same in several languages ("Chats", "Tickets", "E-mail"); a copy would be most of them.
      expect(same.length / strings.size).toBeLessThan(0.1);
    });
  });
});

/**
 * A button whose accessible name adds to its visible words must start with them (WCAG 2.5.3 Label
 * in Name), so a voice-control user who says what they see reaches it: visible key → name key.
 */
const LABELS_IN_NAMES: Array<[namespace: string, visible: string, name: string]> = [
  ['console', 'team.sendReset', 'team.sendResetAgent'],
  ['console', 'team.resetTwoFactor', 'team.resetTwoFactorAgent'],
  ['console', 'common.edit', 'team.editAgent'],
  ['console', 'team.deactivate', 'team.deactivateAgent'],
  ['console', 'team.reactivate', 'team.reactivateAgent'],
  ['console', 'apiTokens.revoke', 'apiTokens.revokeOne'],
  ['console', 'settings.hours.addRange', 'settings.hours.addRangeFor'],
  ['console', 'common.edit', 'canned.editOne'],
  ['console', 'common.delete', 'canned.deleteOne'],
  ['console', 'common.edit', 'departments.renameDepartment'],
  ['console', 'common.delete', 'departments.deleteDepartment'],
  ['console-insight', 'categories.edit', 'categories.editNamed'],
  ['console-insight', 'categories.delete', 'categories.deleteNamed'],
];

describe.each(LANGUAGES)('accessible names in %s', (language) => {
  it.each(LABELS_IN_NAMES)('%s %s starts %s', (namespace, visible, name) => {
    const strings = readStrings(language, namespace);
    expect(strings.get(name)?.startsWith(strings.get(visible) ?? '\u0000')).toBe(true);
  });
});
