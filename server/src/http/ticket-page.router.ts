/** The requester's public ticket page, reached from the link in every e-mail: view, reply, rate. */
import { IdSchema, MESSAGE_MAX_ATTACHMENTS, RatingSchema, RequesterReplySchema, type Ticket } from '@parley/shared';
import type { TFunction } from 'i18next';
import express, { Router, type Request, type Response } from 'express';
import helmet from 'helmet';
import type { AttachmentService } from '../domain/attachment.service';
import type { TicketService } from '../domain/ticket.service';
import { DomainError } from '../domain/domain-error';
import { createTranslator, pickLanguage, RTL_LANGUAGES } from '../locales';
import { UploadRefused } from '../files/upload-refused';
import type { AttachmentLimits } from '../security/attachment-limits';
import { clientAddress } from '../security/client-address';
import { sendAttachment } from './attachments.router';
import { isMultipart, readReplyForm, type ReplyForm } from './ticket-reply-form';
import { renderTicketPage, type TicketPageNotice } from './ticket-page.view';
import { parseOrThrow } from './validate';

const translate = createTranslator('ticket-page');

/** Why a form post was turned away; the page says so instead of answering a browser with JSON. */
const PROBLEMS = ['reply_empty', 'reply_closed', 'rate_unavailable'] as const;
type Problem = (typeof PROBLEMS)[number];
const isProblem = (value: unknown): value is Problem => PROBLEMS.some((p) => p === value);

/** The confirmation or problem to show after a redirect; the rating's score is read back from the ticket. */
function noticeFrom(query: Request['query'], ticket: Ticket, t: TFunction): TicketPageNotice | undefined {
  if (isProblem(query.problem)) return { text: t(query.problem), problem: true };
  if (query.done === 'reply') return { text: t('reply_sent'), problem: false };
  if (query.done === 'rating' && ticket.rating !== null) return { text: t('rated', { score: ticket.rating }), problem: false };
  return undefined;
}

const refusedWith = (error: unknown, code: DomainError['code']): boolean => error instanceof DomainError && error.code === code;

export interface TicketPageDeps {
  tickets: TicketService;
  files: { service: AttachmentService; limits: AttachmentLimits; maxUploadBytes: number };
}

/** Why a reply with files was not sent, in the requester's words: the file, and what was wrong with it. */
function fileRefusal(form: ReplyForm, maxFileMb: number): ((t: TFunction) => string) | null {
  if (form.tooManyFiles) return (t) => t('too_many_files', { max: MESSAGE_MAX_ATTACHMENTS });
  if (!form.refused) return null;
  const { name, refusal } = form.refused;
  if (refusal.code === 'RATE_LIMITED') return (t) => t('files_too_fast');
  if (refusal instanceof UploadRefused && refusal.reason === 'tooLarge') return (t) => t('file_too_large', { name, max: maxFileMb });
  return (t) => t('file_not_accepted', { name });
}

export function createTicketPageRouter({ tickets, files }: TicketPageDeps): Router {
  const router = Router();
  router.use(helmet({ referrerPolicy: { policy: 'no-referrer' } }));
  router.use(express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 5 }));
  // Read when a page is made, not here: the route walk builds routers over stand-in dependencies.
  const maxFileMb = () => Math.floor(files.maxUploadBytes / (1024 * 1024));

  /** The page; after a reply it could not take, with why and the reply back in its box. */
  async function show(req: Request, res: Response, refusal?: { status: number; notice: (t: TFunction) => string; draft: string }): Promise<void> {
    const token = String(req.params.token);
    try {
      const { ticket, events, siteName } = await tickets.requesterView(token);
      const lang = pickLanguage(ticket.requesterLocale);
      const t = translate(lang);
      const notice = refusal ? { text: refusal.notice(t), problem: true } : noticeFrom(req.query, ticket, t);
      res.set('Cache-Control', 'no-store');
      res.status(refusal?.status ?? 200).type('html').send(
        renderTicketPage({
          ticket, events, siteName, token, t, lang, dir: RTL_LANGUAGES.has(lang) ? 'rtl' : 'ltr', notice, draft: refusal?.draft,
          maxFileMb: maxFileMb(),
        }),
      );
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'NOT_FOUND') throw error;
      res.status(404).type('text/plain').send(translate(req.acceptsLanguages()[0])('not_found'));
    }
  }

  router.get('/t/:token', (req, res) => show(req, res));
  // The files of the ticket's public replies; the link is the key, as it is for the page itself.
  router.get('/t/:token/files/:attachmentId', async (req, res) => {
    try {
      const ticket = await tickets.requesterTicket(String(req.params.token));
      if (!IdSchema.safeParse(req.params.attachmentId).success) throw new DomainError('NOT_FOUND', 'There is no such file.');
      await sendAttachment(res, await files.service.open({ kind: 'requester', ticketId: ticket.id }, req.params.attachmentId));
    } catch (error) {
      if (!refusedWith(error, 'NOT_FOUND')) throw error;
      res.status(404).type('text/plain').send(translate(req.acceptsLanguages()[0])('file_not_found'));
    }
  });
  const pageOf = (req: Request) => `/t/${encodeURIComponent(String(req.params.token))}`;
  router.post('/t/:token/reply', async (req, res) => {
    const token = String(req.params.token);
    let text: unknown = req.body?.text;
    let attachmentIds: string[] = [];
    if (isMultipart(req)) {
      // The page sends its form this way, files or not; the ticket is known before a byte of a file is read.
      const ticket = await tickets.requesterTicket(token);
      const address = clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for']);
      const form = await readReplyForm(req, ticket, {
        attachments: files.service, maxUploadBytes: files.maxUploadBytes,
        beforeEachFile: () => files.limits.beforeUpload({ kind: 'requester', ticketId: ticket.id }, address),
      });
      const refused = fileRefusal(form, maxFileMb());
      // Nothing goes without the files it was written with: the page says which one, the reply waits in its box.
      if (refused) return show(req, res, { status: form.refused?.refusal.code === 'RATE_LIMITED' ? 429 : 400, notice: refused, draft: String(form.text ?? '') });
      text = form.text;
      attachmentIds = form.attachmentIds;
    }
    // A reply with neither text nor a file, or a page left open while the request was closed: back
    // to the page, which says why, in the requester's language.
    const reply = RequesterReplySchema.safeParse({ text, attachments: attachmentIds });
    if (!reply.success) return res.redirect(303, `${pageOf(req)}?problem=reply_empty`);
    try {
      await tickets.requesterReply(token, reply.data.text.trim(), attachmentIds);
    } catch (error) {
      if (!refusedWith(error, 'CONVERSATION_CLOSED')) throw error;
      return res.redirect(303, `${pageOf(req)}?problem=reply_closed`);
    }
    // Post/Redirect/Get: a reload of the page must never send the reply again.
    res.redirect(303, `${pageOf(req)}?done=reply`);
  });
  router.post('/t/:token/rating', async (req, res) => {
    const rating = parseOrThrow(RatingSchema, {
      score: req.body?.score,
      ...(req.body?.comment ? { comment: req.body.comment } : {}),
    });
    try {
      await tickets.requesterRate(String(req.params.token), rating);
    } catch (error) {
      // The rating form was open while an agent reopened the request.
      if (!refusedWith(error, 'VALIDATION_FAILED')) throw error;
      return res.redirect(303, `${pageOf(req)}?problem=rate_unavailable`);
    }
    res.redirect(303, `${pageOf(req)}?done=rating`);
  });
  return router;
}
