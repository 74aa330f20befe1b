/**
 * Replies by e-mail: Parley's own SMTP listener for the domain ticket e-mails ask to be answered
 * at (INBOUND_EMAIL_DOMAIN). A message to a ticket's reply address becomes the requester's reply on
 * that ticket, as if written on its page: what they wrote above the quoted e-mail, signature left
 * out. Anything else is refused during the SMTP conversation, so its sender's mail server tells
 * them why (a bounce), and nothing is stored that a retry could store twice; the same e-mail
 * delivered again (its Message-ID) is taken once. Its files (up to five) go with the reply when
 * they pass the same checks as an upload; the others are left out, and the reply still taken.
 */
import type { AddressInfo } from 'node:net';
import EmailReplyParser from 'email-reply-parser';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { Logger } from 'pino';
import { SMTPServer } from 'smtp-server';
import { MESSAGE_MAX_ATTACHMENTS, type MessageAttachment, type Ticket } from '@parley/shared';
import { Readable } from 'node:stream';
import { DomainError } from '../domain/domain-error';
import { UploadRefused } from '../files/upload-refused';
import type { TicketReplyAddresses } from '../domain/ticket-reply-address';
import type { RequesterEmailReply } from '../domain/ticket.service';

export interface InboundMailOptions {
  port: number;
  host: string;
  /** INBOUND_EMAIL_DOMAIN: named in the greeting. */
  domain: string;
  addresses: TicketReplyAddresses;
  tickets: { requesterEmailReply(ticketId: string, reply: RequesterEmailReply): Promise<unknown> };
  /** Where an e-mail's files are checked and stored (the attachment service). */
  files: { uploadForRequester(ticket: Ticket, file: { name: string; source: Readable; declaredBytes?: number }): Promise<MessageAttachment> };
  logger: Logger;
  /** Larger messages are refused before they are read. */
  maxBytes?: number;
}

export interface InboundMail {
  port: number;
  close(): Promise<void>;
}

const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

/** An SMTP answer: 5xx the sender is told of, 4xx their server tries again later. */
function smtpError(responseCode: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode });
}

/** Out-of-office notices and other machine-sent mail (RFC 3834, and what common senders set instead). */
function isAutomatic(mail: ParsedMail): boolean {
  const header = (name: string) => String(mail.headers.get(name) ?? '').toLowerCase();
  const autoSubmitted = header('auto-submitted');
  return (
    (autoSubmitted !== '' && autoSubmitted !== 'no') ||
    ['bulk', 'junk', 'list', 'auto_reply'].includes(header('precedence')) ||
    mail.headers.has('x-autoreply') ||
    mail.headers.has('x-autorespond') ||
    header('x-auto-response-suppress').includes('all')
  );
}

const replyParser = new EmailReplyParser();

/** An address in angle brackets, as mail clients name the sender they quote ("Parley <no-reply@…>"), however wrapped. */
const BRACKETED_ADDRESS = /<[^<>]*@[^<>]*>/;
const YEAR = /(?:^|\D)(?:19|20)\d\d(?:\D|$)/;
const TIME = /(?:^|\D)\d{1,2}:\d{2}(?:\D|$)/;
/** Mail clients wrap a long attribution over a few lines. */
const ATTRIBUTION_MAX_LINES = 3;

/**
 * "26 нояб. 2026 г., в 14:04, Parley <no-reply@…> написал(а):": a line (or two or three, wrapped)
 * introducing a quote. Only its shape is known in every language: it ends with a colon and names
 * the quoted sender's address, or a date and time.
 */
function isAttribution(lines: string[]): boolean {
  const text = lines.map((line) => line.trim()).join(' ');
  if (!/[:：]$/.test(text)) return false;
  // Clients wrap the long ones, those naming an address; a date alone is too weak a sign across lines.
  return BRACKETED_ADDRESS.test(text) || (lines.length === 1 && YEAR.test(text) && TIME.test(text));
}

/**
 * Leaves out attribution lines right above a quoted block ("> …"). email-reply-parser knows the
 * English, Spanish, German, French and Portuguese ones, but not those of Russian, Belarusian,
 * Ukrainian, Arabic or Chinese mail clients, which stayed in the reply, exposing our no-reply address.
 */
function withoutAttributions(text: string): string {
  const lines = text.split('\n');
  const dropped = new Set<number>();
  lines.forEach((line, index) => {
    if (!line.startsWith('>') || lines[index - 1]?.startsWith('>')) return;
    let end = index;
    while (end > 0 && lines[end - 1]?.trim() === '') end -= 1;
    // The fewest lines that read as one (a wrapped attribution's last line alone does not); several
    // only as a paragraph of their own, so the end of what the requester wrote is not taken with them.
    for (let count = 1; count <= ATTRIBUTION_MAX_LINES && end - count >= 0; count += 1) {
      const block = lines.slice(end - count, end);
      if (block.some((candidate) => candidate.trim() === '' || candidate.startsWith('>'))) break;
      const ownParagraph = end - count === 0 || lines[end - count - 1]?.trim() === '';
      if (isAttribution(block) && (count === 1 || ownParagraph)) {
        for (let at = end - count; at < end; at += 1) dropped.add(at);
        break;
      }
    }
  });
  return lines.filter((_, index) => !dropped.has(index)).join('\n');
}

/** What the requester wrote, above the e-mail they answer. */
export function replyTextOf(mail: Pick<ParsedMail, 'text'>): string {
  return replyParser.parseReply(withoutAttributions(mail.text ?? '')).trim();
}

/** Why a reply was refused, in the words its sender will read in the bounce. */
function refusal(error: unknown): Error {
  if (!(error instanceof DomainError)) return smtpError(451, '4.3.0 Could not store the reply just now; please try again later');
  switch (error.code) {
    case 'FORBIDDEN':
      return smtpError(550, `5.7.1 ${error.message}`);
    case 'CONVERSATION_CLOSED':
      return smtpError(550, `5.7.1 ${error.message}`);
    case 'VALIDATION_FAILED':
      // The domain words these for an e-mail already (too long, or nothing above the quote): passed on as they are.
      return smtpError(550, `5.6.0 ${error.message}`);
    default:
      return smtpError(550, '5.1.1 No such request');
  }
}

/** Stores the e-mail's files for the ticket, at most five; a file the checks refuse is left out (and logged), not the reply. */
function fileStorer(mail: ParsedMail, options: Pick<InboundMailOptions, 'files' | 'logger'>) {
  return async (ticket: Ticket): Promise<string[]> => {
    const ids: string[] = [];
    for (const part of mail.attachments.slice(0, MESSAGE_MAX_ATTACHMENTS)) {
      try {
        const name = part.filename ?? 'file';
        const stored = await options.files.uploadForRequester(ticket, { name, source: Readable.from([part.content]), declaredBytes: part.size });
        ids.push(stored.id);
      } catch (error) {
        if (!(error instanceof UploadRefused)) throw error;
        options.logger.info({ ticketId: ticket.id, refused: error.message }, 'a file of a reply by e-mail left out');
      }
    }
    return ids;
  };
}

export async function startInboundMail(options: InboundMailOptions): Promise<InboundMail> {
  const { addresses, tickets, logger } = options;
  const server = new SMTPServer({
    name: options.domain,
    banner: 'Parley replies',
    // Senders are mail servers, as to any MX: no sign-in. STARTTLS is offered with smtp-server's own
    // certificate, which delivering servers accept for opportunistic encryption.
    authOptional: true,
    disabledCommands: ['AUTH'],
    size: options.maxBytes ?? DEFAULT_MAX_BYTES,
    disableReverseLookup: true,
    logger: false,
    onRcptTo(address, _session, callback) {
      if (addresses.ticketIdFrom(address.address)) return callback();
      callback(smtpError(550, `5.1.1 <${address.address}>: no such address here`));
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then(async (mail) => {
          if (stream.sizeExceeded) throw smtpError(552, '5.3.4 Message too big');
          if (isAutomatic(mail)) {
            // Taken and dropped: answering an automatic reply could start a loop of them.
            logger.info({ to: session.envelope.rcptTo.map((r) => r.address) }, 'automatic e-mail to a ticket ignored');
            return;
          }
          const from = mail.from?.value[0]?.address ?? '';
          const text = replyTextOf(mail);
          for (const recipient of session.envelope.rcptTo) {
            const ticketId = addresses.ticketIdFrom(recipient.address);
            if (!ticketId) continue;
            try {
              await tickets.requesterEmailReply(ticketId, {
                fromAddress: from, text, storeFiles: fileStorer(mail, options), ...(mail.messageId ? { messageId: mail.messageId } : {}),
              });
            } catch (error) {
              if (!(error instanceof DomainError)) logger.error({ err: error, ticketId }, 'reply by e-mail not stored');
              throw refusal(error);
            }
            logger.info({ ticketId }, 'reply by e-mail added to its ticket');
          }
        })
        .then(
          () => callback(),
          (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
        );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return {
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
