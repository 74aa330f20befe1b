/** Renders an outbox e-mail in its recipient's language: a one-line subject, a plain-text body and an HTML body. */
import { TICKET_STATUSES, type TicketStatus } from '@parley/shared';
import type { TFunction } from 'i18next';
import { EMAIL_TEMPLATES, type EmailTemplate } from '../domain/mailer.port';
import type { EmailData } from '../store/email-outbox.store';
import { createEmailI18n, EMAIL_NAMESPACE, pickEmailLocale } from './email-i18n';
import { escapeHtml, renderHtmlLayout, valueToHtml, type HtmlBlock } from './email-html';

export interface EmailContent {
  template: string;
  locale: string;
  data: EmailData;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export type RenderEmail = (email: EmailContent) => RenderedEmail;

export interface EmailRenderer {
  /** Throws EmailRenderError for an unknown template or a value the template needs but was not given. */
  render: RenderEmail;
  /** The customer-facing name of a ticket status, for the ticket service and the public ticket page. */
  statusLabel(options: { status: TicketStatus; locale: string }): string;
}

export class EmailRenderError extends Error {
  override readonly name = 'EmailRenderError';
}

/** Which value, if any, a template shows as a quoted block under its lead line. */
const QUOTED_VALUE: Record<EmailTemplate, string | null> = {
  ticket_received: null,
  ticket_reply: 'replyText',
  ticket_pending: 'replyText',
  ticket_pending_reminder: null,
  ticket_solved: 'replyText',
  chat_transcript: 'transcript',
  agent_password_reset: null,
};

/**
 * E-mails about a ticket, which the requester may want to answer. Unless replies go somewhere
 * (MAIL_REPLY_TO, or Parley's own listener: INBOUND_SMTP_PORT) these say to answer on the ticket's page instead.
 */
const isTicketTemplate = (template: EmailTemplate): boolean => template.startsWith('ticket_');

/**
 * Every e-mail about one ticket has the same subject ("Request #1042: …"), whatever happened: Gmail
 * and Outlook thread only e-mails whose subjects match. What happened is the body's lead line.
 */
const subjectKey = (template: EmailTemplate, data: EmailData): string =>
  isTicketTemplate(template) || present(data.ticketNumber) ? 'common.ticketSubject' : `${template}.subject`;

const isEmailTemplate = (name: string): name is EmailTemplate => (EMAIL_TEMPLATES as readonly string[]).includes(name);

/*
 * Translations are filled with markers instead of values; the values replace the markers afterwards,
 * in one pass. So a value is never read as template syntax, and for HTML the translated text and
 * each value are escaped separately (a link can become an anchor without trusting anything else).
 */
const MARKER = /\uE000(\w+)\uE001/g;
const UNFILLED = /\{\{\s*(\w+)\s*\}\}/g;
const markersFor = (data: EmailData): Record<string, string> =>
  Object.fromEntries(Object.keys(data).map((name) => [name, `\uE000${name}\uE001`]));

const present = (value: string | number | undefined): value is string | number =>
  typeof value === 'number' || (typeof value === 'string' && value.trim() !== '');

const isTicketStatus = (value: unknown): value is TicketStatus =>
  typeof value === 'string' && (TICKET_STATUSES as readonly string[]).includes(value);

/** A raw `status` code given without a label is named in the recipient's language. */
function withStatusLabel(t: TFunction, data: EmailData): EmailData {
  if (present(data.statusLabel) || !isTicketStatus(data.status)) return data;
  return { ...data, statusLabel: t(`status.${data.status}`) };
}

type Block = { kind: 'paragraph'; marked: string } | { kind: 'quote'; text: string };

interface Composed {
  subject: string;
  blocks: Block[];
  footer: string | null;
}

interface ComposeOptions {
  template: EmailTemplate;
  data: EmailData;
  repliesRead: boolean;
}

function compose(t: TFunction, { template, data, repliesRead }: ComposeOptions): Composed {
  const replace = markersFor(data);
  const missing = new Set<string>();
  const fill = (key: string): string => {
    const marked = t(key, { replace });
    for (const match of marked.matchAll(UNFILLED)) missing.add(match[1] ?? '');
    return marked;
  };
  const paragraph = (key: string): Block => ({ kind: 'paragraph', marked: fill(key) });

  const blocks: Block[] = [paragraph(present(data.requesterName) ? 'common.greeting' : 'common.greetingAnonymous')];
  blocks.push(paragraph(`${template}.lead`));
  const quoted = QUOTED_VALUE[template];
  const quotedValue = quoted ? data[quoted] : undefined;
  if (present(quotedValue)) blocks.push({ kind: 'quote', text: String(quotedValue) });
  // A reply's files are named here and downloaded from the ticket's page (no attachment to bounce off a mailbox's size limit).
  if (present(data.files)) blocks.push(paragraph('common.files'));
  if (present(data.statusLabel)) blocks.push(paragraph('common.statusLine'));
  if (present(data.link)) blocks.push(paragraph(`${template}.action`));
  if (t(`${template}.note`, { defaultValue: '' }) !== '') blocks.push(paragraph(`${template}.note`));
  if (!repliesRead && isTicketTemplate(template) && present(data.link)) blocks.push(paragraph('common.replyOnPage'));
  if (repliesRead && isTicketTemplate(template)) blocks.push(paragraph('common.replyByEmail'));
  blocks.push(paragraph('common.signature'));
  // A template may have its own footer (an agent's e-mail is not about contacting the site).
  const footerKey = t(`${template}.footer`, { defaultValue: '' }) !== '' ? `${template}.footer` : 'common.footer';
  const composed = { subject: fill(subjectKey(template, data)), blocks, footer: fill(footerKey) };

  if (missing.size > 0) {
    throw new EmailRenderError(`e-mail "${template}" needs ${[...missing].sort().join(', ')} in its data`);
  }
  return composed;
}

const fillText = (marked: string, data: EmailData): string =>
  marked.replace(MARKER, (_whole, name: string) => String(data[name] ?? ''));

/** Values people wrote (names, a subject, file names): isolated, so a Latin name in an Arabic sentence leaves the words around it in place. */
const WRITTEN_VALUES = new Set(['requesterName', 'agentName', 'siteName', 'subject', 'files', 'name', 'agent', 'to', 'department']);

const fillHtml = (marked: string, data: EmailData): string =>
  escapeHtml(marked).replace(MARKER, (_whole, name: string) => {
    const html = valueToHtml(String(data[name] ?? ''), { asLink: name === 'link' });
    return WRITTEN_VALUES.has(name) ? `<bdi>${html}</bdi>` : html;
  });

/** A subject is one header line: no line breaks or control characters from a requester's text. */
// eslint-disable-next-line no-control-regex
const oneLine = (text: string): string => text.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/ {2,}/g, ' ').trim();

function toText(composed: Composed, data: EmailData): string {
  const body = composed.blocks.map((block) => (block.kind === 'quote' ? block.text : fillText(block.marked, data)));
  const footer = composed.footer ? ['-- ', fillText(composed.footer, data)].join('\n') : null;
  return `${[...body, ...(footer ? [footer] : [])].join('\n\n')}\n`;
}

function toHtml(composed: Composed, options: { data: EmailData; lang: string; dir: 'ltr' | 'rtl' }): string {
  const { data } = options;
  const blocks: HtmlBlock[] = composed.blocks.map((block) =>
    block.kind === 'quote'
      ? { kind: 'quote', html: valueToHtml(block.text, { asLink: false }) }
      : { kind: 'paragraph', html: fillHtml(block.marked, data) },
  );
  return renderHtmlLayout({
    lang: options.lang, dir: options.dir, blocks,
    titleHtml: escapeHtml(oneLine(fillText(composed.subject, data))),
    footerHtml: composed.footer ? fillHtml(composed.footer, data) : null,
  });
}

export interface EmailRendererOptions {
  /** Whether answers to an e-mail reach someone (MAIL_REPLY_TO is set); if not, ticket e-mails say so. */
  repliesRead?: boolean;
}

export function createEmailRenderer(options: EmailRendererOptions = {}): EmailRenderer {
  const i18n = createEmailI18n();
  const repliesRead = options.repliesRead ?? false;
  return {
    render(email) {
      const { template, locale } = email;
      if (!isEmailTemplate(template)) throw new EmailRenderError(`unknown e-mail template "${template}"`);
      const lng = pickEmailLocale(locale);
      const t = i18n.getFixedT(lng, EMAIL_NAMESPACE);
      const data = withStatusLabel(t, email.data);
      const composed = compose(t, { template, data, repliesRead });
      return {
        subject: oneLine(fillText(composed.subject, data)),
        text: toText(composed, data),
        html: toHtml(composed, { data, lang: lng, dir: i18n.dir(lng) }),
      };
    },
    statusLabel({ status, locale }) {
      return i18n.getFixedT(pickEmailLocale(locale), EMAIL_NAMESPACE)(`status.${status}`);
    },
  };
}
