/** The server's own i18next instance for e-mails: every language bundled, ready synchronously. */
import i18next, { type i18n as I18n, type ResourceKey } from 'i18next';
import type { TranscriptLabelsFor } from '../domain/chat-transcript';
import type { FallbackSubjectsFor } from '../domain/ticket-subject';
import ar from '@parley/shared/locales/ar/email.json';
import be from '@parley/shared/locales/be/email.json';
import de from '@parley/shared/locales/de/email.json';
import en from '@parley/shared/locales/en/email.json';
import es from '@parley/shared/locales/es/email.json';
import fr from '@parley/shared/locales/fr/email.json';
import pt from '@parley/shared/locales/pt/email.json';
import ru from '@parley/shared/locales/ru/email.json';
import uk from '@parley/shared/locales/uk/email.json';
import zh from '@parley/shared/locales/zh/email.json';

export const EMAIL_LOCALES = ['en', 'es', 'ru', 'be', 'uk', 'de', 'fr', 'pt', 'zh', 'ar'] as const;
export type EmailLocale = (typeof EMAIL_LOCALES)[number];
export const EMAIL_FALLBACK_LOCALE: EmailLocale = 'en';
export const EMAIL_NAMESPACE = 'email';

// Static imports: the bundle carries the texts, so no file lookup can fail at run time.
const RESOURCES: Record<EmailLocale, ResourceKey> = { en, es, ru, be, uk, de, fr, pt, zh, ar };

const isEmailLocale = (value: string): value is EmailLocale => (EMAIL_LOCALES as readonly string[]).includes(value);

/** The language an e-mail is written in for a BCP 47 tag: exact, then by primary subtag (pt-BR -> pt), else English. */
export function pickEmailLocale(tag: string | null | undefined): EmailLocale {
  const normalized = (tag ?? '').trim().toLowerCase().replace(/_/g, '-');
  if (isEmailLocale(normalized)) return normalized;
  const primary = normalized.split('-')[0] ?? '';
  return isEmailLocale(primary) ? primary : EMAIL_FALLBACK_LOCALE;
}

export function createEmailI18n(): I18n {
  const instance = i18next.createInstance();
  // With in-memory resources and initAsync off, init completes before it returns; the promise adds nothing.
  void instance.init({
    resources: Object.fromEntries(EMAIL_LOCALES.map((lng) => [lng, { [EMAIL_NAMESPACE]: RESOURCES[lng] }])),
    lng: EMAIL_FALLBACK_LOCALE,
    fallbackLng: EMAIL_FALLBACK_LOCALE,
    supportedLngs: [...EMAIL_LOCALES],
    ns: [EMAIL_NAMESPACE],
    defaultNS: EMAIL_NAMESPACE,
    initAsync: false,
    // The renderer escapes for HTML itself (values and text alike), so i18next must not.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}

/**
 * The transcript's words in the reader's language: for an author without a name, "You" and "Agent"
 * in the visitor's own copy, "Visitor" and "Agent" where agents read it too; and its system lines.
 */
export function createTranscriptLabels(i18n: I18n = createEmailI18n()): TranscriptLabelsFor {
  return (locale, reader) => {
    const t = i18n.getFixedT(pickEmailLocale(locale), EMAIL_NAMESPACE);
    return {
      visitor: t(reader === 'visitor' ? 'chat_transcript.you' : 'chat_transcript.visitor'),
      agent: t('chat_transcript.agent'),
      // Worded for any reader: the visitor's copy and the ticket agents read say the same.
      event: (event) => t(`chat_transcript.${event.type}`, { ...event }),
    };
  };
}

/** A ticket's subject when the requester wrote no text (a chat of files only), in their language. */
export function createFallbackSubjects(i18n: I18n = createEmailI18n()): FallbackSubjectsFor {
  return (locale) => {
    const t = i18n.getFixedT(pickEmailLocale(locale), EMAIL_NAMESPACE);
    return {
      chat: (visitorName) => (visitorName ? t('ticket_subject.chat_named', { name: visitorName }) : t('ticket_subject.chat_unnamed')),
      offlineMessage: t('ticket_subject.offline_message'),
    };
  };
}
