/**
 * An in-memory /api/kb behind a fake fetch, with the server's rules that a screen would notice:
 * admins write and agents get FORBIDDEN, slugs are unique per language, one article per
 * language in a translation group, the bearer token is required.
 */
import type {
  KbArticle,
  KbArticleView,
  KbCategory,
  KbSearchHit,
  StatusNotice,
} from '@parley/shared';
import { AGENT, TOKEN } from './fixtures';

export interface FakeKbServer {
  articles: Map<string, KbArticle>;
  categories: Map<string, KbCategory>;
  notice: StatusNotice | null;
  /** Every request as "METHOD /path?query", with its JSON body. */
  requests: { call: string; body: unknown }[];
  fetch: jest.Mock<Promise<Response>, [RequestInfo | URL, RequestInit?]>;
}

let clock = Date.parse('2030-03-01T09:00:00.000Z');
const now = () => new Date((clock += 60_000)).toISOString();

export function kbArticle(overrides: Partial<KbArticle> = {}): KbArticle {
  const id = overrides.id ?? `kbart-${Math.random().toString(36).slice(2, 10)}`;
  return {
    id,
    siteId: AGENT.siteId,
    categoryId: null,
    language: 'en',
    translationGroupId: id,
    slug: 'returns',
    title: 'Returns and refunds',
    summary: 'How to send something back.',
    bodyMarkdown: 'Send it back within **30 days**.',
    status: 'published',
    helpfulCount: 0,
    notHelpfulCount: 0,
    solvedCount: 0,
    humanCount: 0,
    createdAt: '2030-02-01T10:00:00.000Z',
    updatedAt: '2030-02-01T10:00:00.000Z',
    publishedAt: '2030-02-01T10:00:00.000Z',
    ...overrides,
  };
}

const json = (status: number, body?: unknown): Response =>
  ({
    status,
    ok: status >= 200 && status < 300,
    json: async () => body,
    headers: new Headers(),
  }) as Response;

const fail = (status: number, code: string, message: string) => json(status, { error: { code, message } });
/** As the server refuses a taken address: on the slug field. */
const slugTakenRefusal = () => {
  const message = 'slug: another article in this language already uses this address.';
  return json(400, { error: { code: 'VALIDATION_FAILED', message, issues: [{ path: 'slug', message: 'another article in this language already uses this address.' }] } });
};

/** A stand-in for the server's Markdown rendering: enough to tell the saved view apart. */
const renderHtml = (markdown: string) =>
  `<p>${markdown.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')}</p>`;

export function serveKb(options: {
  role: 'admin' | 'agent';
  articles?: KbArticle[];
  categories?: KbCategory[];
  notice?: StatusNotice | null;
}): FakeKbServer {
  const articles = new Map((options.articles ?? []).map((a) => [a.id, a]));
  const categories = new Map((options.categories ?? []).map((c) => [c.id, c]));
  let ids = 0;
  const server: FakeKbServer = {
    articles,
    categories,
    notice: options.notice ?? null,
    requests: [],
    fetch: jest.fn(),
  };

  const view = (article: KbArticle): KbArticleView => ({
    article,
    html: renderHtml(article.bodyMarkdown),
    url: `https://chat.example/help/site-key/${article.language}/${article.slug}`,
    translations: [...articles.values()]
      .filter((a) => a.translationGroupId === article.translationGroupId && a.id !== article.id)
      .map((a) => ({ articleId: a.id, language: a.language, slug: a.slug, url: `https://chat.example/help/${a.slug}` })),
  });
  const summary = ({ bodyMarkdown: _body, ...rest }: KbArticle) => rest;
  const slugTaken = (language: string, slug: string, except?: string) =>
    [...articles.values()].some((a) => a.language === language && a.slug === slug && a.id !== except);

  function handle(method: string, url: URL, body: Record<string, unknown>): Response {
    const path = url.pathname.replace(/^\/api\/kb/, '');
    const [, noun, id, action] = path.split('/');
    const writes = method !== 'GET';
    if (writes && options.role !== 'admin') return fail(403, 'FORBIDDEN', 'Only admins may do this.');
    const q = url.searchParams;

    if (noun === 'categories') {
      if (method === 'GET') return json(200, { categories: [...categories.values()] });
      if (method === 'DELETE' && id) return categories.delete(id) ? json(204) : fail(404, 'NOT_FOUND', 'gone');
      const known = id ? categories.get(id) : undefined;
      const category = {
        id: id ?? `kbcat-${++ids}`,
        siteId: AGENT.siteId,
        createdAt: known?.createdAt ?? now(),
        ...known,
        ...body,
        updatedAt: now(),
      } as KbCategory;
      categories.set(category.id, category);
      return json(id ? 200 : 201, { category });
    }

    if (noun === 'articles' && method === 'GET' && !id) {
      const found = [...articles.values()].filter(
        (a) =>
          (!q.get('language') || a.language === q.get('language')) &&
          (!q.get('status') || a.status === q.get('status')) &&
          (!q.get('categoryId') || a.categoryId === q.get('categoryId')),
      );
      return json(200, { articles: found.map(summary) });
    }
    if (noun === 'articles' && method === 'POST' && !id) {
      const original = typeof body.translationOf === 'string' ? articles.get(body.translationOf) : undefined;
      const language = String(body.language);
      const slug = typeof body.slug === 'string' ? body.slug : String(body.title).toLowerCase().replace(/[^a-z0-9]+/g, '-');
      if (slugTaken(language, slug)) return slugTakenRefusal();
      const newId = `kbart-new-${++ids}`;
      const { translationOf: _t, ...fields } = body;
      const created = kbArticle({
        ...(fields as Partial<KbArticle>),
        id: newId,
        slug,
        status: 'draft',
        publishedAt: null,
        translationGroupId: original?.translationGroupId ?? newId,
        createdAt: now(),
        updatedAt: now(),
      });
      articles.set(newId, created);
      return json(201, view(created));
    }
    const article = id ? articles.get(id) : undefined;
    if (noun === 'articles' && !article) return fail(404, 'NOT_FOUND', 'There is no such article.');
    if (noun === 'articles' && article) {
      if (method === 'GET') return json(200, view(article));
      if (method === 'DELETE') {
        articles.delete(article.id);
        return json(204);
      }
      if (typeof body.slug === 'string' && slugTaken(article.language, body.slug, article.id))
        return slugTakenRefusal();
      const status = action === 'publish' ? 'published' : action === 'unpublish' ? 'draft' : article.status;
      const updated: KbArticle = { ...article, ...(body as Partial<KbArticle>), status, updatedAt: now() };
      articles.set(article.id, updated);
      return json(200, view(updated));
    }

    if (noun === 'search') {
      const words = (q.get('q') ?? '').toLowerCase();
      const hits: KbSearchHit[] = [...articles.values()]
        .filter((a) => a.language === (q.get('language') ?? 'en'))
        .filter((a) => `${a.title} ${a.bodyMarkdown}`.toLowerCase().includes(words))
        .filter((a) => q.get('status') !== 'published' || a.status === 'published')
        .map((a) => ({ article: summary(a), score: 1, url: `https://chat.example/help/${a.slug}` }));
      return json(200, { hits });
    }
    if (noun === 'stats') {
      const all = [...articles.values()];
      const sum = (pick: (a: KbArticle) => number) => all.reduce((n, a) => n + pick(a), 0);
      return json(200, {
        stats: {
          articles: all.length,
          published: all.filter((a) => a.status === 'published').length,
          helpful: sum((a) => a.helpfulCount),
          notHelpful: sum((a) => a.notHelpfulCount),
          solved: sum((a) => a.solvedCount),
          human: sum((a) => a.humanCount),
        },
      });
    }
    if (noun === 'status-notice') {
      if (method === 'GET') return json(200, { notice: server.notice });
      if (method === 'DELETE') {
        const withdrawn = server.notice ? { ...server.notice, withdrawnAt: now() } : null;
        server.notice = null;
        return json(200, { withdrawn });
      }
      server.notice = {
        id: `notice-${++ids}`,
        siteId: AGENT.siteId,
        text: String(body.text),
        severity: body.severity as StatusNotice['severity'],
        postedAt: now(),
        withdrawnAt: null,
      };
      return json(200, { notice: server.notice });
    }
    return fail(404, 'NOT_FOUND', `no route ${method} ${path}`);
  }

  server.fetch.mockImplementation(async (input, init) => {
    const url = new URL(String(input), 'http://console.test');
    const method = init?.method ?? 'GET';
    const body = init?.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : {};
    server.requests.push({ call: `${method} ${url.pathname}${url.search}`, body: init?.body ? body : undefined });
    const headers = (init?.headers ?? {}) as Record<string, string>;
    if (headers.Authorization !== `Bearer ${TOKEN}`) return fail(401, 'UNAUTHENTICATED', 'Sign in again.');
    return handle(method, url, body);
  });
  return server;
}
