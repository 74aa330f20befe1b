/** The requester's public ticket page, reached from the link in every e-mail: view, reply, rate. */
import { IdSchema, RatingSchema, RequesterReplySchema, type Ticket } from '@parley/shared';
import type { TFunction } from 'i18next';
import express, { Router, type Request, type Response } from 'express';
import helmet from 'helmet';
import type { AttachmentService } from '../domain/attachment.service';
import type { TicketService } from '../domain/ticket.service';
import { DomainError } from '../domain/domain-error';
import { createTranslator, pickLanguage, RTL_LANGUAGES } from '../locales';
import { sendAttachment } from './attachments.router';
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

export function createTicketPageRouter(tickets: TicketService, attachments: AttachmentService): Router {
  const router = Router();
  router.use(helmet({ referrerPolicy: { policy: 'no-referrer' } }));
  router.use(express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 5 }));

  async function show(req: Request, res: Response): Promise<void> {
    const token = String(req.params.token);
    try {
      const { ticket, events } = await tickets.requesterView(token);
      const lang = pickLanguage(ticket.requesterLocale);
      const t = translate(lang);
      const notice = noticeFrom(req.query, ticket, t);
      res.set('Cache-Control', 'no-store');
      res.type('html').send(
        renderTicketPage({ ticket, events, token, t, lang, dir: RTL_LANGUAGES.has(lang) ? 'rtl' : 'ltr', notice }),
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
      await sendAttachment(res, await attachments.open({ kind: 'requester', ticketId: ticket.id }, req.params.attachmentId));
    } catch (error) {
      if (!refusedWith(error, 'NOT_FOUND')) throw error;
      res.status(404).type('text/plain').send(translate(req.acceptsLanguages()[0])('file_not_found'));
    }
  });
  const pageOf = (req: Request) => `/t/${encodeURIComponent(String(req.params.token))}`;
  router.post('/t/:token/reply', async (req, res) => {
    // A reply of only spaces (the browser's `required` lets it through), or a page left open while
    // the request was closed: back to the page, which says why, in the requester's language.
    const reply = RequesterReplySchema.safeParse({ text: req.body?.text });
    if (!reply.success) return res.redirect(303, `${pageOf(req)}?problem=reply_empty`);
    try {
      await tickets.requesterReply(String(req.params.token), reply.data.text);
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
