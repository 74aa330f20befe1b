import { TICKET_STATUSES } from '@parley/shared';
import fs from 'node:fs';
import path from 'node:path';
import { EMAIL_TEMPLATES } from '../domain/mailer.port';
import { EMAIL_LOCALES, createEmailI18n, pickEmailLocale } from './email-i18n';

const localesDir = path.resolve(__dirname, '../../../shared/locales');
type Tree = { [key: string]: string | Tree };
const readLocale = (lng: string): Tree =>
  JSON.parse(fs.readFileSync(path.join(localesDir, lng, 'email.json'), 'utf8')) as Tree;

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') entries.set(prefix + key, value);
    else for (const [inner, text] of flatten(value, `${prefix}${key}.`)) entries.set(inner, text);
  }
  return entries;
}
const placeholders = (text: string): string[] => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]!).sort();

describe('e-mail locales', () => {
  const english = flatten(readLocale('en'));

  it('has a subject, a lead and an action for every template, and every ticket status label, in English', () => {
    for (const template of EMAIL_TEMPLATES) {
      for (const part of ['subject', 'lead', 'action']) expect(english.get(`${template}.${part}`)).toEqual(expect.any(String));
    }
    for (const status of TICKET_STATUSES) expect(english.get(`status.${status}`)).toEqual(expect.any(String));
  });

  it('has a folder for every language e-mails are written in, and no other', () => {
    const withEmail = fs.readdirSync(localesDir).filter((lng) => fs.existsSync(path.join(localesDir, lng, 'email.json')));
    expect(withEmail.sort()).toEqual([...EMAIL_LOCALES].sort());
  });

  it.each(EMAIL_LOCALES.filter((lng) => lng !== 'en'))('%s has every key of en, translated, with the same placeholders', (lng) => {
    const translated = flatten(readLocale(lng));
    expect([...translated.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [key, text] of translated) {
      expect(text.trim()).not.toBe('');
      expect({ key, placeholders: placeholders(text) }).toEqual({ key, placeholders: placeholders(english.get(key)!) });
    }
    expect(translated.get('ticket_received.lead')).not.toBe(english.get('ticket_received.lead'));
    expect(translated.get('status.pending')).not.toBe(english.get('status.pending'));
  });
});

describe('pickEmailLocale', () => {
  it('matches regional variants to their language and falls back to English', () => {
    expect(pickEmailLocale('pt-BR')).toBe('pt');
    expect(pickEmailLocale('zh_CN')).toBe('zh');
    expect(pickEmailLocale(' UK ')).toBe('uk');
    expect(pickEmailLocale('ja')).toBe('en');
    expect(pickEmailLocale(null)).toBe('en');
  });
});

describe('createEmailI18n', () => {
  it('is ready as soon as it is created, with no await', () => {
    const i18n = createEmailI18n();
    expect(i18n.getFixedT('be')('status.solved')).toBe('Вырашана');
    expect(i18n.dir('ar')).toBe('rtl');
  });
});
