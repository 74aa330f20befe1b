/** The requester's public ticket page, reached from the link in every e-mail: view, reply, rate. */
import { RatingSchema, RequesterReplySchema } from '@parley/shared';
import express, { Router, type Request, type Response } from 'express';
import helmet from 'helmet';
import type { TicketService } from '../domain/ticket.service';
import { DomainError } from '../domain/domain-error';
import { createTranslator, pickLanguage, RTL_LANGUAGES } from '../locales';
import { renderTicketPage } from './ticket-page.view';
import { parseOrThrow } from './validate';

const translate = createTranslator('ticket-page');

export function createTicketPageRouter(tickets: TicketService): Router {
  const router = Router();
  router.use(helmet({ referrerPolicy: { policy: 'no-referrer' } }));
  router.use(express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 5 }));

  async function show(req: Request, res: Response, notice?: (t: ReturnType<typeof translate>) => string): Promise<void> {
    const token = String(req.params.token);
    try {
      const { ticket, events } = await tickets.requesterView(token);
      const lang = pickLanguage(ticket.requesterLocale);
      const t = translate(lang);
      res.set('Cache-Control', 'no-store');
      res.type('html').send(
        renderTicketPage({ ticket, events, token, t, lang, dir: RTL_LANGUAGES.has(lang) ? 'rtl' : 'ltr', notice: notice?.(t) }),
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
    await show(req, res, (t) => t('reply_sent'));
  });
  router.post('/t/:token/rating', async (req, res) => {
    const rating = parseOrThrow(RatingSchema, {
      score: req.body?.score,
      ...(req.body?.comment ? { comment: req.body.comment } : {}),
    });
    await tickets.requesterRate(String(req.params.token), rating);
    await show(req, res, (t) => t('rated', { score: rating.score }));
  });
  return router;
}
