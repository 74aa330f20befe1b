import { TICKET_STATUSES } from '@parley/shared';
import fs from 'node:fs';
import path from 'node:path';
import { EMAIL_TEMPLATES } from '../domain/mailer.port';
import { EMAIL_LOCALES, createEmailI18n, createFallbackSubjects, pickEmailLocale } from './email-i18n';

const localesDir = path.resolve(__dirname, '../../../shared/locales');
type Tree = { [key: string]: string | Tree };
const readLocale = (lng: string): Tree =>
  JSON.parse(fs.readFileSync(path.join(localesDir, lng, 'email.json'), 'utf8')) as Tree;

// Completeness of every language's strings is checked for all namespaces in shared/locales/locales.test.ts.
describe('e-mail locales', () => {
  const english = readLocale('en');
  const text = (group: string, key: string): unknown => (english[group] as Tree | undefined)?.[key];

  it('has a subject, a lead and an action for every template, and every ticket status label, in English', () => {
    for (const template of EMAIL_TEMPLATES) {
      // E-mails about a ticket share one subject, so that mail clients thread them.
      const ownSubject = template.startsWith('ticket_') ? [] : ['subject'];
      for (const part of [...ownSubject, 'lead', 'action'])
        expect(text(template, part)).toEqual(expect.any(String));
    }
    expect(text('common', 'ticketSubject')).toEqual(expect.any(String));
    for (const status of TICKET_STATUSES) expect(text('status', status)).toEqual(expect.any(String));
  });

  it('has a folder for every language e-mails are written in, and no other', () => {
    const withEmail = fs
      .readdirSync(localesDir)
      .filter((lng) => fs.existsSync(path.join(localesDir, lng, 'email.json')));
    expect(withEmail.sort()).toEqual([...EMAIL_LOCALES].sort());
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

describe('createFallbackSubjects', () => {
  const subjects = createFallbackSubjects();

  it("words a ticket's subject in the requester's language, falling back to English", () => {
    expect(subjects('ru-RU').chat('Анна')).toBe('Чат: Анна');
    expect(subjects('de').chat(null)).toBe('Chat mit einem Besucher');
    expect(subjects('pt-BR').offlineMessage).toBe('Mensagem enviada pelo site');
    expect(subjects('ja').chat(null)).toBe('Chat with a visitor');
  });

  it('keeps the visitor\'s name as written in every language (the renderer escapes it for HTML)', () => {
    for (const locale of EMAIL_LOCALES) expect(subjects(locale).chat(`O'Brien <b>&`)).toContain(`O'Brien <b>&`);
  });
});
