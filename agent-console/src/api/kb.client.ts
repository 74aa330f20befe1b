/** The knowledge base over REST (/api/kb) for one signed-in agent's token: admins write, agents read. */
import type {
  KbArticleInput,
  KbArticleListQuery,
  KbArticlePatch,
  KbArticleSummary,
  KbArticleView,
  KbCategory,
  KbCategoryInput,
  KbCategoryPatch,
  KbSearchHit,
  KbStats,
  StatusNotice,
  StatusNoticeInput,
} from '@parley/shared';
import { fetcher, requestJson, type JsonRequest } from './json-request';

export interface KbSearchQuery {
  q: string;
  language?: string;
  status?: 'published';
}

export interface KbClient {
  listCategories(): Promise<KbCategory[]>;
  createCategory(input: KbCategoryInput): Promise<KbCategory>;
  updateCategory(categoryId: string, patch: KbCategoryPatch): Promise<KbCategory>;
  deleteCategory(categoryId: string): Promise<void>;
  listArticles(query?: KbArticleListQuery): Promise<KbArticleSummary[]>;
  getArticle(articleId: string): Promise<KbArticleView>;
  createArticle(input: KbArticleInput): Promise<KbArticleView>;
  updateArticle(articleId: string, patch: KbArticlePatch): Promise<KbArticleView>;
  setPublished(articleId: string, published: boolean): Promise<KbArticleView>;
  deleteArticle(articleId: string): Promise<void>;
  search(query: KbSearchQuery): Promise<KbSearchHit[]>;
  stats(): Promise<KbStats>;
  statusNotice(): Promise<StatusNotice | null>;
  postStatusNotice(input: StatusNoticeInput): Promise<StatusNotice>;
  withdrawStatusNotice(): Promise<StatusNotice | null>;
}

export interface KbClientOptions {
  token: string;
  baseUrl?: string;
  fetch?: typeof fetch;
}

/** "?a=1&b=2" from the defined values, or "" when there are none. */
export function queryString(values: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== undefined && value !== '') params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function createKbClient(options: KbClientOptions): KbClient {
  const doFetch = fetcher(options.fetch);
  const base = `${options.baseUrl ?? ''}/api/kb`;
  const request = <T>(path: string, init: Omit<JsonRequest, 'token'>) =>
    requestJson<T>(doFetch, `${base}${path}`, { ...init, token: options.token });
  const get = <T>(path: string) => request<T>(path, { method: 'GET' });
  const category = (id: string) => `/categories/${encodeURIComponent(id)}`;
  const article = (id: string) => `/articles/${encodeURIComponent(id)}`;

  return {
    listCategories: async () => (await get<{ categories: KbCategory[] }>('/categories')).categories,
    createCategory: async (input) =>
      (await request<{ category: KbCategory }>('/categories', { method: 'POST', body: input })).category,
    updateCategory: async (id, patch) =>
      (await request<{ category: KbCategory }>(category(id), { method: 'PATCH', body: patch })).category,
    deleteCategory: (id) => request<void>(category(id), { method: 'DELETE' }),
    listArticles: async (query = {}) =>
      (await get<{ articles: KbArticleSummary[] }>(`/articles${queryString({ ...query })}`)).articles,
    getArticle: (id) => get<KbArticleView>(article(id)),
    createArticle: (input) => request<KbArticleView>('/articles', { method: 'POST', body: input }),
    updateArticle: (id, patch) => request<KbArticleView>(article(id), { method: 'PATCH', body: patch }),
    setPublished: (id, published) =>
      request<KbArticleView>(`${article(id)}/${published ? 'publish' : 'unpublish'}`, { method: 'POST' }),
    deleteArticle: (id) => request<void>(article(id), { method: 'DELETE' }),
    search: async (query) =>
      (await get<{ hits: KbSearchHit[] }>(`/search${queryString({ ...query, limit: '50' })}`)).hits,
    stats: async () => (await get<{ stats: KbStats }>('/stats')).stats,
    statusNotice: async () => (await get<{ notice: StatusNotice | null }>('/status-notice')).notice,
    postStatusNotice: async (input) =>
      (await request<{ notice: StatusNotice }>('/status-notice', { method: 'PUT', body: input })).notice,
    withdrawStatusNotice: async () =>
      (await request<{ withdrawn: StatusNotice | null }>('/status-notice', { method: 'DELETE' })).withdrawn,
  };
}
