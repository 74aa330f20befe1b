/** The requester's public ticket page, reached from the link in every e-mail: view, reply, rate. */
import { IdSchema, MESSAGE_MAX_ATTACHMENTS, RatingSchema, RequesterReplySchema, type Ticket } from '@parley/shared';
import type { TFunction } from 'i18next';
import type { ZodError } from 'zod';
import express, { Router, type Request, type Response } from 'express';
import helmet from 'helmet';
import type { AttachmentService } from '../domain/attachment.service';
import type { TicketService } from '../domain/ticket.service';
import { DomainError } from '../domain/domain-error';
import { createTranslator, pickLanguage, RTL_LANGUAGES } from '../locales';
import { UploadRefused } from '../files/upload-refused';
import type { AttachmentLimits } from '../security/attachment-limits';
import type { PublicFormLimits } from '../security/public-form-limits';
import { clientAddress } from '../security/client-address';
import { sendAttachment } from './attachments.router';
import { isMultipart, readReplyForm, type ReplyForm } from './ticket-reply-form';
import { renderTicketPage, type RatingDraft, type TicketPageNotice } from './ticket-page.view';

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

/**
 * A textarea's line breaks as the page counted them. Browsers submit each one as CRLF, so a reply
 * the box took at its maxlength would arrive hundreds of characters over the same limit here.
 */
const withLfLineBreaks = (value: unknown): unknown => (typeof value === 'string' ? value.replace(/\r\n?/g, '\n') : value);

/** The limit a field was over, when that is why it was refused. */
function limitExceeded(error: ZodError, field: string): number | null {
  const issue = error.issues.find((candidate) => candidate.code === 'too_big' && candidate.path[0] === field);
  return issue?.code === 'too_big' ? Number(issue.maximum) : null;
}

/** Why the page says a form was not taken: told the page's translator and language. */
type Notice = (t: TFunction, lang: string) => string;

/** A form's own words, refused: what went wrong, and what they wrote or chose, back in the form. */
interface Refusal {
  status: number;
  notice: Notice;
  draft?: string;
  rating?: RatingDraft;
}

export interface TicketPageDeps {
  tickets: TicketService;
  files: { service: AttachmentService; limits: AttachmentLimits; maxUploadBytes: number };
  limits: Pick<PublicFormLimits, 'beforeTicketReply'>;
}

/** Why a reply with files was not sent, in the requester's words: the file, and what was wrong with it. */
function fileRefusal(form: ReplyForm, maxFileMb: number): Notice | null {
  if (form.tooManyFiles) return (t) => t('too_many_files', { max: MESSAGE_MAX_ATTACHMENTS });
  if (!form.refused) return null;
  const { name, refusal } = form.refused;
  if (refusal.code === 'RATE_LIMITED') return (t) => t('files_too_fast');
  if (refusal instanceof UploadRefused && refusal.reason === 'tooLarge') return (t) => t('file_too_large', { name, max: maxFileMb });
  return (t) => t('file_not_accepted', { name });
}

/** The stars and comment of a rating that was not saved, as far as they make sense to show again. */
function ratingDraftOf(score: unknown, comment: unknown): RatingDraft {
  const chosen = RatingSchema.shape.score.safeParse(score);
  return { score: chosen.success ? chosen.data : null, comment: typeof comment === 'string' ? comment : '' };
}

export function createTicketPageRouter({ tickets, files, limits }: TicketPageDeps): Router {
  const router = Router();
  // Under /t only: the router sits at the app's root, and a form parser there took the body of every
  // request that said it was a form (curl's default), the REST API's uploads included.
  router.use('/t', helmet({ referrerPolicy: { policy: 'no-referrer' } }));
  // The rating form at its fullest: a 2,000-character comment in Chinese is 18 KB URL-encoded.
  router.use('/t', express.urlencoded({ extended: false, limit: '32kb', parameterLimit: 5 }));
  // Read when a page is made, not here: the route walk builds routers over stand-in dependencies.
  const maxFileMb = () => Math.floor(files.maxUploadBytes / (1024 * 1024));

  /** The page; after a form it could not take, with why and their words back in the form. */
  async function show(req: Request, res: Response, refusal?: Refusal): Promise<void> {
    const token = String(req.params.token);
    try {
      const { ticket, events, siteName } = await tickets.requesterView(token);
      const lang = pickLanguage(ticket.requesterLocale);
      const t = translate(lang);
      const notice = refusal ? { text: refusal.notice(t, lang), problem: true } : noticeFrom(req.query, ticket, t);
      res.set('Cache-Control', 'no-store');
      res.status(refusal?.status ?? 200).type('html').send(
        renderTicketPage({
          ticket, events, siteName, token, t, lang, dir: RTL_LANGUAGES.has(lang) ? 'rtl' : 'ltr', notice, draft: refusal?.draft,
          ratingDraft: refusal?.rating, maxFileMb: maxFileMb(),
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
    let text = withLfLineBreaks(req.body?.text);
    let attachmentIds: string[] = [];
    const address = clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for']);
    // Known before a byte of a file is read, and what the reply limits count by.
    const ticket = await tickets.requesterTicket(token);
    if (isMultipart(req)) {
      // The page sends its form this way, files or not.
      const form = await readReplyForm(req, ticket, {
        attachments: files.service, maxUploadBytes: files.maxUploadBytes,
        beforeEachFile: () => files.limits.beforeUpload({ kind: 'requester', ticketId: ticket.id }, address),
      });
      const refused = fileRefusal(form, maxFileMb());
      // Nothing goes without the files it was written with: the page says which one, the reply waits in its box.
      text = withLfLineBreaks(form.text);
      if (refused) return show(req, res, { status: form.refused?.refusal.code === 'RATE_LIMITED' ? 429 : 400, notice: refused, draft: String(text ?? '') });
      attachmentIds = form.attachmentIds;
    }
    // A reply too long, with neither text nor a file, or a page left open while the request was
    // closed: back to the page, which says why, in the requester's language.
    const reply = RequesterReplySchema.safeParse({ text, attachments: attachmentIds });
    if (!reply.success) {
      const max = limitExceeded(reply.error, 'text');
      // Too long: the reply comes back in its box, to be shortened; an empty one has nothing to give back.
      if (max === null) return res.redirect(303, `${pageOf(req)}?problem=reply_empty`);
      const notice: Notice = (t, lang) => t('reply_too_long', { max: new Intl.NumberFormat(lang).format(max) });
      return show(req, res, { status: 400, notice, draft: String(text) });
    }
    try {
      await limits.beforeTicketReply(ticket.id, address);
      await tickets.requesterReply(token, reply.data.text.trim(), attachmentIds);
    } catch (error) {
      // Too many too fast: the reply comes back in its box, to be sent again later.
      if (refusedWith(error, 'RATE_LIMITED')) return show(req, res, { status: 429, notice: (t) => t('replies_too_fast'), draft: reply.data.text });
      if (!refusedWith(error, 'CONVERSATION_CLOSED')) throw error;
      return res.redirect(303, `${pageOf(req)}?problem=reply_closed`);
    }
    // Post/Redirect/Get: a reload of the page must never send the reply again.
    res.redirect(303, `${pageOf(req)}?done=reply`);
  });
  router.post('/t/:token/rating', async (req, res) => {
    const comment = withLfLineBreaks(req.body?.comment);
    const rating = RatingSchema.safeParse({ score: req.body?.score, ...(comment ? { comment } : {}) });
    if (!rating.success) {
      // With its line breaks counted as the page counts them, a browser should not send such a form
      // (the stars are required, the comment's box has a maxlength); if one comes, the page answers
      // in words, with the stars and the comment still in the form.
      const max = limitExceeded(rating.error, 'comment');
      const notice: Notice = (t, lang) =>
        max === null ? t('rate_score_missing') : t('rate_comment_too_long', { max: new Intl.NumberFormat(lang).format(max) });
      return show(req, res, { status: 400, notice, rating: ratingDraftOf(req.body?.score, comment) });
    }
    try {
      await tickets.requesterRate(String(req.params.token), rating.data);
    } catch (error) {
      // The rating form was open while an agent reopened the request.
      if (!refusedWith(error, 'VALIDATION_FAILED')) throw error;
      return res.redirect(303, `${pageOf(req)}?problem=rate_unavailable`);
    }
    res.redirect(303, `${pageOf(req)}?done=rating`);
  });
  return router;
}
