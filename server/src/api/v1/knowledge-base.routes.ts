/** /v1/kb/articles: the knowledge base's articles (admins write, everyone reads). */
import {
  ApiKbArticleListQuerySchema,
  IdSchema,
  KbArticleInputSchema,
  KbArticlePatchSchema,
  KbArticleSummarySchema,
  KbArticleViewSchema,
  dataSchemaOf,
  pageSchemaOf,
} from '@parley/shared';
import { z } from 'zod';
import type { ApiServices } from '../api-services';
import { defineRoute, type ApiRoute } from '../route-table';

const tags = ['Knowledge base'];
const ArticleParams = z.strictObject({ articleId: IdSchema });
/** Articles may be long (100,000 characters of any script). */
const ARTICLE_BODY_LIMIT = '512kb';

export function knowledgeBaseRoutes({ listing, kb }: ApiServices): ApiRoute[] {
  return [
    defineRoute({
      method: 'get', path: '/v1/kb/articles', operationId: 'listArticles', tags, scope: 'read',
      summary: 'List articles (drafts too), most recently edited first',
      query: ApiKbArticleListQuerySchema,
      response: pageSchemaOf(KbArticleSummarySchema),
      handle: ({ caller, query }) => listing.articles(caller.agent, query),
    }),
    defineRoute({
      method: 'get', path: '/v1/kb/articles/{articleId}', operationId: 'getArticle', tags, scope: 'read',
      summary: 'Get an article with its rendered HTML, address and translations',
      params: ArticleParams,
      response: dataSchemaOf(KbArticleViewSchema),
      handle: async ({ caller, params }) => ({ data: await kb.getArticle(caller.agent, params.articleId) }),
    }),
    defineRoute({
      method: 'post', path: '/v1/kb/articles', operationId: 'createArticle', tags, scope: 'write', status: 201, bodyLimit: ARTICLE_BODY_LIMIT,
      summary: 'Write a draft article (admins)',
      body: KbArticleInputSchema,
      response: dataSchemaOf(KbArticleViewSchema),
      handle: async ({ caller, body }) => ({ data: await kb.createArticle(caller.agent, body) }),
    }),
    defineRoute({
      method: 'patch', path: '/v1/kb/articles/{articleId}', operationId: 'updateArticle', tags, scope: 'write', bodyLimit: ARTICLE_BODY_LIMIT,
      summary: 'Edit an article (admins)',
      params: ArticleParams,
      body: KbArticlePatchSchema,
      response: dataSchemaOf(KbArticleViewSchema),
      handle: async ({ caller, params, body }) => ({ data: await kb.updateArticle(caller.agent, params.articleId, body) }),
    }),
  ];
}
