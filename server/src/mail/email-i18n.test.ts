import { TICKET_STATUSES, type ChatEvent, type Message } from '@parley/shared';
import fs from 'node:fs';
import path from 'node:path';
import { chatEventText } from '../domain/chat-event-lines';
import { chatTranscript } from '../domain/chat-transcript';
import { EMAIL_TEMPLATES } from '../domain/mailer.port';
import { EMAIL_LOCALES, createEmailI18n, createFallbackSubjects, createTranscriptLabels, pickEmailLocale } from './email-i18n';

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

describe('createTranscriptLabels', () => {
  const labels = createTranscriptLabels();
  const lines = (locale: string, messages: Message[]) => chatTranscript(messages, labels(locale, 'visitor')).split('\n');
  const at = '2026-11-25T09:30:00.000Z';
  const systemLine = (seq: number, event: ChatEvent): Message => ({
    id: `m${seq}`, conversationId: 'c1', seq, clientId: `system-${seq}-x`, author: { kind: 'system' },
    text: chatEventText(event), internal: false, createdAt: at, event,
  });
  const transcript = [
    { id: 'm1', conversationId: 'c1', seq: 1, clientId: 'visitor-1-x', author: { kind: 'visitor', id: 'v1', name: null }, text: 'Hola', internal: false, createdAt: at },
    systemLine(2, { type: 'transferred', from: 'Ana', to: 'Boris' }),
    systemLine(3, { type: 'requeued', from: 'Boris', department: 'Facturación' }),
    systemLine(4, { type: 'invited', by: 'Ana', agent: 'Carla' }),
  ] satisfies Message[];

  it("words a transcript's system lines in its reader's language, with no author, and English where the language is unknown", () => {
    expect(lines('es', transcript)).toEqual([
      '[2026-11-25 09:30 UTC] Tú: Hola',
      '[2026-11-25 09:30 UTC] Chat transferido a Boris',
      '[2026-11-25 09:30 UTC] Chat pasado al equipo de Facturación',
      '[2026-11-25 09:30 UTC] Carla se ha unido al chat',
    ]);
    expect(lines('ru', transcript).slice(1)).toEqual([
      '[2026-11-25 09:30 UTC] Чат передан оператору: Boris',
      '[2026-11-25 09:30 UTC] Чат передан в отдел: Facturación',
      '[2026-11-25 09:30 UTC] К чату подключён оператор: Carla',
    ]);
    expect(lines('ja', transcript).slice(1)).toEqual([
      '[2026-11-25 09:30 UTC] Chat transferred to Boris',
      '[2026-11-25 09:30 UTC] Chat passed to the Facturación team',
      '[2026-11-25 09:30 UTC] Carla joined the chat',
    ]);
  });

  it('keeps names as written in every language (the renderer escapes them for HTML)', () => {
    const name = `O'Brien <b>&`;
    for (const locale of EMAIL_LOCALES) {
      const words = labels(locale, 'anyone');
      expect(words.event({ type: 'transferred', from: 'Ana', to: name })).toContain(name);
      expect(words.event({ type: 'requeued', from: 'Ana', department: name })).toContain(name);
      expect(words.event({ type: 'invited', by: 'Ana', agent: name })).toContain(name);
    }
  });
});
