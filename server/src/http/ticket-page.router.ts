/** The requester's public ticket page, reached from the link in every e-mail: view, reply, rate. */
import { RatingSchema, RequesterReplySchema, type Ticket } from '@parley/shared';
import type { TFunction } from 'i18next';
import express, { Router, type Request, type Response } from 'express';
import helmet from 'helmet';
import type { TicketService } from '../domain/ticket.service';
import { DomainError } from '../domain/domain-error';
import { createTranslator, pickLanguage, RTL_LANGUAGES } from '../locales';
import { renderTicketPage } from './ticket-page.view';
import { parseOrThrow } from './validate';

const translate = createTranslator('ticket-page');

/** The confirmation to show after a redirect; the rating's score is read back from the ticket. */
function noticeFrom(query: Request['query'], ticket: Ticket, t: TFunction): string | undefined {
  if (query.done === 'reply') return t('reply_sent');
  if (query.done === 'rating' && ticket.rating !== null) return t('rated', { score: ticket.rating });
  return undefined;
}

export function createTicketPageRouter(tickets: TicketService): Router {
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
  router.post('/t/:token/reply', async (req, res) => {
    const { text } = parseOrThrow(RequesterReplySchema, { text: req.body?.text });
    await tickets.requesterReply(String(req.params.token), text);
    // Post/Redirect/Get: a reload of the page must never send the reply again.
    res.redirect(303, `/t/${encodeURIComponent(String(req.params.token))}?done=reply`);
  });
  router.post('/t/:token/rating', async (req, res) => {
    const rating = parseOrThrow(RatingSchema, {
      score: req.body?.score,
      ...(req.body?.comment ? { comment: req.body.comment } : {}),
    });
    await tickets.requesterRate(String(req.params.token), rating);
    res.redirect(303, `/t/${encodeURIComponent(String(req.params.token))}?done=rating`);
  });
  return router;
}
