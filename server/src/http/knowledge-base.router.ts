/** The knowledge base over REST for the console (bearer token; admins write, agents read). */
import {
  IdSchema,
  KbArticleInputSchema,
  KbArticleListQuerySchema,
  KbArticlePatchSchema,
  KbCategoryInputSchema,
  KbCategoryPatchSchema,
  KbSearchRequestSchema,
  StatusNoticeInputSchema,
  type Agent,
} from '@parley/shared';
import express, { Router, type Response } from 'express';
import type { AuthService } from '../domain/auth.service';
import type { KnowledgeBaseService } from '../domain/knowledge-base.service';
import { requireAgent } from './agent-auth.router';
import { requireAdminForWrites } from './require-admin';
import { parseOrThrow } from './validate';

const actor = (res: Response): Agent => res.locals.agent as Agent;

/** Articles may be long (KB_BODY_MAX characters of any script); the rest of /api keeps its 64 KB limit. */
export const KB_BODY_LIMIT = '512kb';

export function createKnowledgeBaseRouter(deps: { auth: AuthService; kb: KnowledgeBaseService }): Router {
  const { kb } = deps;
  const router = Router();
  router.use(requireAgent(deps.auth), requireAdminForWrites());
  router.use(express.json({ limit: KB_BODY_LIMIT, strict: true }));
  const id = (value: unknown) => parseOrThrow(IdSchema, value);

  router.get('/categories', async (_req, res) => {
    res.json({ categories: await kb.listCategories(actor(res)) });
  });
  router.post('/categories', async (req, res) => {
    res.status(201).json({ category: await kb.createCategory(actor(res), parseOrThrow(KbCategoryInputSchema, req.body)) });
  });
  router.patch('/categories/:id', async (req, res) => {
    res.json({ category: await kb.updateCategory(actor(res), id(req.params.id), parseOrThrow(KbCategoryPatchSchema, req.body)) });
  });
  router.delete('/categories/:id', async (req, res) => {
    await kb.deleteCategory(actor(res), id(req.params.id));
    res.status(204).end();
  });

  router.get('/articles', async (req, res) => {
    res.json({ articles: await kb.listArticles(actor(res), parseOrThrow(KbArticleListQuerySchema, req.query)) });
  });
  router.get('/articles/:id', async (req, res) => {
    res.json(await kb.getArticle(actor(res), id(req.params.id)));
  });
  router.post('/articles', async (req, res) => {
    res.status(201).json(await kb.createArticle(actor(res), parseOrThrow(KbArticleInputSchema, req.body)));
  });
  router.patch('/articles/:id', async (req, res) => {
    res.json(await kb.updateArticle(actor(res), id(req.params.id), parseOrThrow(KbArticlePatchSchema, req.body)));
  });
  router.post('/articles/:id/publish', async (req, res) => {
    res.json(await kb.setPublished(actor(res), id(req.params.id), true));
  });
  router.post('/articles/:id/unpublish', async (req, res) => {
    res.json(await kb.setPublished(actor(res), id(req.params.id), false));
  });
  router.delete('/articles/:id', async (req, res) => {
    await kb.deleteArticle(actor(res), id(req.params.id));
    res.status(204).end();
  });

  router.get('/search', async (req, res) => {
    res.json(await kb.search(actor(res), parseOrThrow(KbSearchRequestSchema, req.query)));
  });
  router.get('/stats', async (_req, res) => {
    res.json({ stats: await kb.stats(actor(res)) });
  });

  router.get('/status-notice', async (_req, res) => {
    res.json({ notice: await kb.statusNotice(actor(res)) });
  });
  router.put('/status-notice', async (req, res) => {
    res.json({ notice: await kb.postStatusNotice(actor(res), parseOrThrow(StatusNoticeInputSchema, req.body)) });
  });
  router.delete('/status-notice', async (_req, res) => {
    res.json({ withdrawn: await kb.withdrawStatusNotice(actor(res)) });
  });
  return router;
}
